import Foundation

/// What this machine offers a local pool: NVIDIA GPUs show up as `/dev/nvidiaN` device files.
enum LocalDevices {
    /// The indices N of this machine's `/dev/nvidiaN` files, ascending.
    static func gpuIndices() -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/dev")) ?? []
        return names.compactMap { $0.hasPrefix("nvidia") ? Int($0.dropFirst("nvidia".count)) : nil }.sorted()
    }

    static func gpuCount() -> Int {
        gpuIndices().count
    }
}
