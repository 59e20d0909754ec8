#!/usr/bin/env python3
"""A minimal OTLP/gRPC collector for the tests: accepts traces and logs, writes each span and log record as one
JSON line, so what the Swift exporter sends is decoded by the official OpenTelemetry protobuf code (PyPI
`opentelemetry-proto`, served by `grpcio`), not by ours.

    otlp-receiver.py OUTPUT.jsonl [--tls-cert CERT.pem --tls-key KEY.pem]

Listens on 127.0.0.1 on a free port and prints the port on the first line of standard output. Stops when standard
input closes (so it never outlives the test that started it) or on SIGTERM.

Lines:
  {"kind": "span", "resource": {...}, "scope": "...", "name": "...", "trace_id": "hex", "span_id": "hex",
   "parent_span_id": "hex", "attributes": {...}, "status_code": 0, "status_message": "", "events": ["exception"]}
  {"kind": "log", "resource": {...}, "scope": "...", "body": "...", "severity_number": 9, "severity_text": "info",
   "attributes": {...}, "trace_id": "hex", "span_id": "hex"}
"""

import argparse
import json
import signal
import sys
import threading
from concurrent import futures

import grpc
from opentelemetry.proto.collector.logs.v1 import logs_service_pb2, logs_service_pb2_grpc
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc


def any_value(value):
    kind = value.WhichOneof("value")
    if kind is None:
        return None
    if kind == "array_value":
        return [any_value(item) for item in value.array_value.values]
    if kind == "kvlist_value":
        return attributes(value.kvlist_value.values)
    if kind == "bytes_value":
        return value.bytes_value.hex()
    return getattr(value, kind)


def attributes(pairs):
    return {pair.key: any_value(pair.value) for pair in pairs}


class Output:
    def __init__(self, path):
        self.file = open(path, "a", encoding="utf-8")
        self.lock = threading.Lock()

    def write(self, records):
        with self.lock:
            for record in records:
                self.file.write(json.dumps(record, sort_keys=True) + "\n")
            self.file.flush()


class Traces(trace_service_pb2_grpc.TraceServiceServicer):
    def __init__(self, output):
        self.output = output

    def Export(self, request, context):
        records = []
        for resource_spans in request.resource_spans:
            resource = attributes(resource_spans.resource.attributes)
            for scope_spans in resource_spans.scope_spans:
                for span in scope_spans.spans:
                    records.append({
                        "kind": "span",
                        "resource": resource,
                        "scope": scope_spans.scope.name,
                        "name": span.name,
                        "trace_id": span.trace_id.hex(),
                        "span_id": span.span_id.hex(),
                        "parent_span_id": span.parent_span_id.hex(),
                        "attributes": attributes(span.attributes),
                        "status_code": span.status.code,
                        "status_message": span.status.message,
                        "events": [event.name for event in span.events],
                    })
        self.output.write(records)
        return trace_service_pb2.ExportTraceServiceResponse()


class Logs(logs_service_pb2_grpc.LogsServiceServicer):
    def __init__(self, output):
        self.output = output

    def Export(self, request, context):
        records = []
        for resource_logs in request.resource_logs:
            resource = attributes(resource_logs.resource.attributes)
            for scope_logs in resource_logs.scope_logs:
                for log in scope_logs.log_records:
                    records.append({
                        "kind": "log",
                        "resource": resource,
                        "scope": scope_logs.scope.name,
                        "body": any_value(log.body),
                        "severity_number": log.severity_number,
                        "severity_text": log.severity_text,
                        "attributes": attributes(log.attributes),
                        "trace_id": log.trace_id.hex(),
                        "span_id": log.span_id.hex(),
                    })
        self.output.write(records)
        return logs_service_pb2.ExportLogsServiceResponse()


def main():
    parser = argparse.ArgumentParser(description="Minimal OTLP/gRPC receiver writing JSON lines")
    parser.add_argument("output")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    args = parser.parse_args()

    output = Output(args.output)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    trace_service_pb2_grpc.add_TraceServiceServicer_to_server(Traces(output), server)
    logs_service_pb2_grpc.add_LogsServiceServicer_to_server(Logs(output), server)
    if args.tls_cert:
        with open(args.tls_key, "rb") as key, open(args.tls_cert, "rb") as cert:
            credentials = grpc.ssl_server_credentials([(key.read(), cert.read())])
        port = server.add_secure_port("127.0.0.1:0", credentials)
    else:
        port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(port, flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())

    def watch_stdin():
        sys.stdin.read()
        stop.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    stop.wait()
    server.stop(grace=1).wait()


if __name__ == "__main__":
    main()
