import Foundation

/// The GPUs of this machine as `nvidia-smi` lists them; none when the tool is absent or fails.
enum GPUInventory {
    /// `nvidia-smi` runs here, off Swift's cooperative threads: it blocks until the tool exits.
    private static let queue = DispatchQueue(label: "haven.agent.gpu-inventory")

    static func query() async -> [AgentAPI.GPU] {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: querySynchronously()) }
        }
    }

    private static func querySynchronously() -> [AgentAPI.GPU] {
        let candidates = ["/usr/bin/nvidia-smi", "/usr/local/bin/nvidia-smi"]
        guard let tool = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else { return [] }
        let process = Process()
        process.executableURL = URL(filePath: tool)
        process.arguments = ["--query-gpu=index,name,memory.total", "--format=csv,noheader,nounits"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return [] }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// Reads lines such as `0, NVIDIA A100-SXM4-40GB, 40960`; a line in another shape is skipped.
    static func parse(_ text: String) -> [AgentAPI.GPU] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 3, let index = Int(fields[0]), let memory = Int(fields[2]) else { return nil }
            return AgentAPI.GPU(index: index, model: fields[1], memoryMiB: memory)
        }
    }

    /// The one-minute load average from `/proc/loadavg`, 0 where it cannot be read.
    static func load() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return 0 }
        return text.split(separator: " ").first.flatMap { Double($0) } ?? 0
    }
}
