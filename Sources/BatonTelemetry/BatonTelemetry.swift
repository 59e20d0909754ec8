/// OpenTelemetry export for baton connectors.
public enum BatonTelemetry {}
