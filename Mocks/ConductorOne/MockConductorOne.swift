/// A faithful mock of ConductorOne for daemon mode.
public enum MockConductorOne {}
