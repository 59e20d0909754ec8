import BatonTestSupport
import Foundation
import Testing

@testable import BatonStore

@Suite struct ZstdTests {
    @Test func frameCarriesContentSizeAndChecksum() throws {
        let directory = try TemporaryDirectory()
        let original = sampleBytes(300_000)
        let path = try makeC1Z(from: original, in: directory)
        let file = try read(path)
        #expect(Array(file.prefix(5)) == C1ZContainer.v1Magic)
        // zstd frame: 4-byte magic 28 B5 2F FD, then the frame header descriptor.
        #expect(Array(file[5..<9]) == [0x28, 0xB5, 0x2F, 0xFD])
        let descriptor = file[9]
        let contentSizeFlag = descriptor >> 6
        let singleSegment = (descriptor >> 5) & 1
        let checksumFlag = (descriptor >> 2) & 1
        #expect(checksumFlag == 1)
        #expect(contentSizeFlag != 0 || singleSegment == 1)
        // The CLI reads the size back from the header.
        let stripped = directory.path("frame.zst")
        try write(file.dropFirst(5), to: stripped)
        let listing = String(decoding: try run("zstd", ["-lv", stripped]).output, as: UTF8.self)
        #expect(listing.contains("Decompressed Size:") && listing.contains("(300000 B)"))
        #expect(listing.contains("Check: XXH64"))
    }

    /// The decoder writes through a 1 MiB buffer; a frame that ends exactly as the buffer fills must
    /// not be mistaken for the start of another one.
    @Test(arguments: [1 << 20, 2 << 20, (1 << 20) - 1, (1 << 20) + 1])
    func sizesAroundTheOutputBuffer(size: Int) throws {
        let directory = try TemporaryDirectory()
        let original = sampleBytes(size)
        let path = try makeC1Z(from: original, in: directory)
        #expect(try C1ZContainer.decompress(c1z: path, toDatabase: directory.path("out.db")) == UInt64(size))
        #expect(try read(directory.path("out.db")) == original)
    }

    @Test func zstdCLIDecompressesOurFrames() throws {
        let directory = try TemporaryDirectory()
        let original = sampleBytes(2_500_000)
        let path = try makeC1Z(from: original, in: directory)
        let stripped = directory.path("frame.zst")
        try write(try read(path).dropFirst(5), to: stripped)
        let result = try run("zstd", ["-d", "-q", "-f", stripped, "-o", directory.path("out.db")])
        #expect(result.status == 0)
        #expect(try read(directory.path("out.db")) == original)
    }

    @Test(arguments: [["-3"], ["-19"], ["-1", "--no-check"], ["--long=27", "-5"]])
    func weDecompressZstdCLIFrames(options: [String]) throws {
        let directory = try TemporaryDirectory()
        let original = sampleBytes(1_200_000)
        try write(original, to: directory.path("in.db"))
        let compressed = directory.path("in.db.zst")
        #expect(try run("zstd", options + ["-q", "-f", directory.path("in.db"), "-o", compressed]).status == 0)
        let c1z = directory.path("cli.c1z")
        try write(Data(C1ZContainer.v1Magic) + (try read(compressed)), to: c1z)
        let decoded = try C1ZContainer.decompress(c1z: c1z, toDatabase: directory.path("out.db"))
        #expect(decoded == UInt64(original.count))
        #expect(try read(directory.path("out.db")) == original)
    }

    @Test func streamedFramesWithoutContentSizeStillDecode() throws {
        let directory = try TemporaryDirectory()
        let original = sampleBytes(200_000)
        try write(original, to: directory.path("in.db"))
        // Piping through the CLI hides the size, so the frame has no content size field.
        let shell = "cat \(directory.path("in.db")) | zstd -q -c > \(directory.path("in.zst"))"
        #expect(try run("sh", ["-c", shell]).status == 0)
        let c1z = directory.path("stream.c1z")
        try write(Data(C1ZContainer.v1Magic) + (try read(directory.path("in.zst"))), to: c1z)
        var limits = ZstdLimits()
        limits.maxDecodedSize = 100_000
        // No header size to fail fast on: the limit is enforced while streaming instead.
        expectC1ZError(.maxDecodedSizeExceeded) {
            try C1ZContainer.decompress(c1z: c1z, toDatabase: directory.path("out.db"), limits: limits)
        }
        #expect(try C1ZContainer.decompress(c1z: c1z, toDatabase: directory.path("out.db")) == 200_000)
    }

    @Test func limitsComeFromTheEnvironment() {
        let limits = ZstdLimits.fromEnvironment([
            "BATON_DECODER_MAX_DECODED_SIZE_MB": "5", "BATON_DECODER_MAX_MEMORY_MB": "16",
            "BATON_DISABLE_FCS_FAIL_FAST": "true",
        ])
        #expect(limits == ZstdLimits(maxDecodedSize: 5 << 20, maxWindowSize: 16 << 20, failFastOnContentSize: false))
        #expect(ZstdLimits.fromEnvironment([:]) == ZstdLimits())
        #expect(ZstdLimits().maxDecodedSize == 10 << 30)
        #expect(ZstdLimits().maxWindowSize == 128 << 20)
        #expect(ZstdLimits.fromEnvironment(["BATON_DECODER_MAX_MEMORY_MB": "nonsense"]) == ZstdLimits())
    }

    @Test func windowLogIsTheFloorOfTheLimit() {
        #expect(Zstd.windowLog(for: 128 << 20) == 27)
        #expect(Zstd.windowLog(for: (128 << 20) + 5) == 27)
        #expect(Zstd.windowLog(for: 100) == 10)
        #expect(Zstd.windowLog(for: UInt64.max) == 31)
    }
}
