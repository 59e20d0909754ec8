/// Daemon mode: a connector taking tasks from ConductorOne.
public enum BatonDaemon {}
