import BatonProto
import MockKit

/// The `/__mock/*` renderings.
enum MockJSON {
    static func results(_ finished: [FinishedTask]) -> [UInt8] {
        var json = JSONWriter()
        json.array { array in for task in finished { write(task, to: &array) } }
        return json.bytes
    }

    static func uploads(_ uploads: [UploadedAsset]) -> [UInt8] {
        var json = JSONWriter()
        json.array { array in for upload in uploads { write(upload, to: &array) } }
        return json.bytes
    }

    static func state(_ snapshot: ConductorOneSnapshot) -> [UInt8] {
        var json = JSONWriter()
        json.object { object in
            object.field("tokens_issued", snapshot.tokensIssued)
            object.field("tokens_refused", snapshot.tokensRefused)
            object.field("upload_attempts", snapshot.uploadAttempts)
            object.field("faults", snapshot.faults)
            object.key("calls")
            object.object { calls in
                for (method, count) in snapshot.calls.sorted(by: { $0.key < $1.key }) { calls.field(method, count) }
            }
            object.key("queued_task_ids")
            object.array { array in for id in snapshot.queuedTaskIDs { array.string(id) } }
            object.key("handed_out_task_ids")
            object.array { array in for id in snapshot.handedOutTaskIDs { array.string(id) } }
            object.key("hellos")
            object.array { array in
                for hello in snapshot.hellos {
                    array.object {
                        $0.field("host_id", hello.hostID)
                        $0.field("task_id", hello.taskID)
                        $0.field("package", hello.buildInfo.package)
                        $0.field("lang_version", hello.buildInfo.langVersion)
                        $0.field("display_name", hello.connectorMetadata.displayName)
                    }
                }
            }
            object.key("heartbeats")
            object.array { array in
                for beat in snapshot.heartbeats {
                    array.object {
                        $0.field("task_id", beat.taskID)
                        $0.field("host_id", beat.hostID)
                        $0.field("cancelled", beat.cancelled)
                    }
                }
            }
            object.key("results")
            object.array { array in for task in snapshot.finished { write(task, to: &array) } }
            object.key("uploads")
            object.array { array in for upload in snapshot.uploads { write(upload, to: &array) } }
        }
        return json.bytes
    }

    private static func write(_ task: FinishedTask, to json: inout JSONWriter) {
        json.object {
            $0.field("task_id", task.taskID)
            $0.field("task_type", task.taskType)
            $0.field("host_id", task.hostID)
            $0.field("outcome", task.succeeded ? "success" : "error")
            $0.key("status_code")
            if let code = task.statusCode { $0.int(code) } else { $0.null() }
            $0.field("status_message", task.statusMessage)
            $0.field("non_retryable", task.nonRetryable)
            $0.field("response_type_url", task.responseTypeURL)
        }
    }

    private static func write(_ upload: UploadedAsset, to json: inout JSONWriter) {
        json.object { object in
            object.field("task_id", upload.taskID)
            object.field("path", upload.path)
            object.field("size", upload.size)
            object.field("sha256", upload.sha256)
            object.key("chunk_sizes")
            object.array { array in for size in upload.chunkSizes { array.int(size) } }
        }
    }
}
