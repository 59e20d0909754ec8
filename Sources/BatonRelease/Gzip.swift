import CZlib
public import Foundation

/// gzip (RFC 1952) through the system zlib, deterministic on the way out: zlib writes a header with
/// no name and mtime 0, so the same input always gives the same bytes.
public enum Gzip {

    /// Compresses `data` at the best level.
    public static func compress(_ data: Data) throws -> Data {
        var stream = z_stream()
        // windowBits 15 + 16 asks zlib for a gzip wrapper instead of a zlib one.
        let status = deflateInit2_(
            &stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw ReleaseError("gzip: deflateInit failed (\(status))") }
        defer { deflateEnd(&stream) }
        var output = Data(count: Int(deflateBound(&stream, UInt(data.count))) + 64)
        let written: Int = try data.withUnsafeBytes { input in
            try output.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(
                    mutating: input.bindMemory(to: Bytef.self).baseAddress ?? UnsafePointer(bitPattern: 1))
                stream.avail_in = uInt(input.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(out.count)
                let result = deflate(&stream, Z_FINISH)
                guard result == Z_STREAM_END else { throw ReleaseError("gzip: deflate failed (\(result))") }
                return Int(stream.total_out)
            }
        }
        output.count = written
        return output
    }

    /// Decompresses one gzip member, refusing more than `limit` bytes of output (a hostile archive
    /// can expand a thousandfold).
    public static func decompress(_ data: Data, limit: Int) throws -> Data {
        var stream = z_stream()
        let status = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw ReleaseError("gzip: inflateInit failed (\(status))") }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        try data.withUnsafeBytes { input in
            stream.next_in = UnsafeMutablePointer(
                mutating: input.bindMemory(to: Bytef.self).baseAddress ?? UnsafePointer(bitPattern: 1))
            stream.avail_in = uInt(input.count)
            while true {
                let result = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                guard output.count + produced <= limit else {
                    throw ReleaseError("gzip: more than \(limit) bytes when decompressed")
                }
                output.append(contentsOf: chunk[..<produced])
                switch result {
                case Z_STREAM_END:
                    guard stream.avail_in == 0 else { throw ReleaseError("gzip: trailing data after the stream") }
                    return
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    throw ReleaseError("gzip: truncated stream")
                default:
                    throw ReleaseError("gzip: corrupt stream")
                }
            }
        }
        return output
    }
}
