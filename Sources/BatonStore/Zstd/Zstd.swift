import CZstd

/// Streaming zstd between two files, in the shape the c1z container needs: one frame, level 3,
/// content checksum on, and the decompressed size pledged so the frame header carries it.
enum Zstd {
    /// Chunk size for file reads and writes; large enough that syscalls are not the bottleneck.
    static let chunkSize = 1 << 20

    static let contentSizeUnknown = UInt64.max
    static let contentSizeError = UInt64.max - 1

    /// Compresses exactly `sourceSize` bytes from `input` into one zstd frame appended to `output`.
    ///
    /// - Returns: the number of compressed bytes written.
    static func compress(
        from input: borrowing FileDescriptor, sourceSize: UInt64, to output: borrowing FileDescriptor,
        level: Int32 = 3, workers: Int32 = 0
    ) throws -> UInt64 {
        guard let context = ZSTD_createCCtx() else { throw C1ZError(.compression, "zstd: out of memory") }
        defer { ZSTD_freeCCtx(context) }
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level))
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1))
        if workers > 0 {
            // Only honoured when libzstd was built with threads; a plain build keeps working single-threaded.
            _ = ZSTD_CCtx_setParameter(context, ZSTD_c_nbWorkers, workers)
        }
        try check(ZSTD_CCtx_setPledgedSrcSize(context, sourceSize))

        let inputBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        let outputBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer {
            inputBuffer.deallocate()
            outputBuffer.deallocate()
        }

        var remaining = sourceSize
        var written: UInt64 = 0
        repeat {
            let wanted = Int(min(UInt64(chunkSize), remaining))
            let count = try input.readFully(into: UnsafeMutableRawBufferPointer(rebasing: inputBuffer[..<wanted]))
            guard count == wanted else {
                throw C1ZError(.io, "c1z: \(input.path) shrank while it was being compressed")
            }
            remaining -= UInt64(count)
            let directive = remaining == 0 ? ZSTD_e_end : ZSTD_e_continue
            var source = ZSTD_inBuffer(src: inputBuffer.baseAddress, size: count, pos: 0)
            var finished = false
            while !finished {
                var destination = ZSTD_outBuffer(dst: outputBuffer.baseAddress, size: outputBuffer.count, pos: 0)
                let pending = ZSTD_compressStream2(context, &destination, &source, directive)
                try check(pending)
                if destination.pos > 0 {
                    try output.write(UnsafeRawBufferPointer(rebasing: outputBuffer[..<destination.pos]))
                    written += UInt64(destination.pos)
                }
                finished = directive == ZSTD_e_end ? pending == 0 : source.pos == source.size
            }
        } while remaining > 0
        return written
    }

    /// Decompresses every zstd frame from the current position of `input` into `output`, enforcing `limits`.
    ///
    /// - Returns: the number of decompressed bytes written.
    static func decompress(
        from input: borrowing FileDescriptor, to output: borrowing FileDescriptor, limits: ZstdLimits
    ) throws -> UInt64 {
        guard let context = ZSTD_createDCtx() else { throw C1ZError(.compression, "zstd: out of memory") }
        defer { ZSTD_freeDCtx(context) }
        try check(ZSTD_DCtx_setParameter(context, ZSTD_d_windowLogMax, windowLog(for: limits.maxWindowSize)))

        let inputBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        let outputBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer {
            inputBuffer.deallocate()
            outputBuffer.deallocate()
        }

        var decoded: UInt64 = 0
        var framesCompleted = 0
        var frameOpen = false
        var checkedHeader = false
        while true {
            let count = try input.readFully(into: inputBuffer)
            if count == 0 { break }
            if !checkedHeader {
                try checkFrameHeader(UnsafeRawBufferPointer(rebasing: inputBuffer[..<count]), limits: limits)
                checkedHeader = true
            }
            var source = ZSTD_inBuffer(src: inputBuffer.baseAddress, size: count, pos: 0)
            var outputFull = false
            while source.pos < source.size || outputFull {
                var destination = ZSTD_outBuffer(dst: outputBuffer.baseAddress, size: outputBuffer.count, pos: 0)
                let hint = ZSTD_decompressStream(context, &destination, &source)
                if ZSTD_isError(hint) != 0 {
                    throw decodeError(hint, afterFrames: framesCompleted)
                }
                decoded += UInt64(destination.pos)
                if decoded > limits.maxDecodedSize {
                    throw C1ZError(.maxDecodedSizeExceeded, C1ZError.maxDecodedSizeMessage)
                }
                if destination.pos > 0 {
                    try output.write(UnsafeRawBufferPointer(rebasing: outputBuffer[..<destination.pos]))
                }
                // A full buffer may hold back more output, unless the frame just ended: zstd returns 0
                // only once a frame is decoded and flushed. Calling again then, with no input left,
                // would look like the start of another frame.
                outputFull = hint != 0 && destination.pos == destination.size
                if hint == 0 {
                    framesCompleted += 1
                    frameOpen = false
                } else {
                    frameOpen = true
                }
            }
        }
        if framesCompleted == 0 {
            throw C1ZError(.truncated, "c1z: truncated file: the compressed stream ends before its frame is complete")
        }
        if frameOpen {
            throw C1ZError(.trailingData, "c1z: unexpected data after the compressed frame")
        }
        return decoded
    }

    /// Rejects a frame whose header already shows it breaks a limit, before any output is written.
    private static func checkFrameHeader(_ bytes: UnsafeRawBufferPointer, limits: ZstdLimits) throws {
        var header = ZSTD_frameHeader()
        let status = ZSTD_getFrameHeader(&header, bytes.baseAddress, bytes.count)
        if ZSTD_isError(status) != 0 {
            throw C1ZError(.compression, "c1z: not a zstd stream: \(errorName(status))")
        }
        // A positive status means the header is incomplete; the streaming decoder reports truncation.
        guard status == 0, header.frameType == ZSTD_frame else { return }
        if header.windowSize > limits.maxWindowSize {
            throw C1ZError(.windowSizeExceeded, C1ZError.windowSizeMessage)
        }
        if limits.failFastOnContentSize, header.frameContentSize != contentSizeUnknown,
            header.frameContentSize > limits.maxDecodedSize
        {
            throw C1ZError(.maxDecodedSizeExceeded, C1ZError.maxDecodedSizeMessage)
        }
    }

    private static func decodeError(_ code: Int, afterFrames frames: Int) -> C1ZError {
        switch ZSTD_getErrorCode(code) {
        case ZSTD_error_frameParameter_windowTooLarge:
            return C1ZError(.windowSizeExceeded, C1ZError.windowSizeMessage)
        case ZSTD_error_prefix_unknown where frames > 0:
            return C1ZError(.trailingData, "c1z: unexpected data after the compressed frame")
        case ZSTD_error_checksum_wrong:
            return C1ZError(.compression, "c1z: corrupt compressed data: checksum mismatch")
        default:
            return C1ZError(.compression, "c1z: corrupt compressed data: \(errorName(code))")
        }
    }

    /// The largest power-of-two window log not above `bytes`, clamped to what zstd accepts.
    static func windowLog(for bytes: UInt64) -> Int32 {
        let floorLog = 63 - bytes.leadingZeroBitCount
        // zstd accepts window logs from 10 (ZSTD_WINDOWLOG_ABSOLUTEMIN) to 31 (ZSTD_WINDOWLOG_MAX_64).
        return Int32(min(max(floorLog, 10), 31))
    }

    private static func check(_ code: Int) throws {
        if ZSTD_isError(code) != 0 {
            throw C1ZError(.compression, "zstd: \(errorName(code))")
        }
    }

    private static func errorName(_ code: Int) -> String {
        String(cString: ZSTD_getErrorName(code))
    }
}
