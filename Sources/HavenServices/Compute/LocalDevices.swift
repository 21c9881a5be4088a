import Foundation

/// What this machine offers a local pool: NVIDIA GPUs show up as `/dev/nvidiaN` device files.
enum LocalDevices {
    static func gpuCount() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/dev")) ?? []
        return names.filter { $0.hasPrefix("nvidia") && Int($0.dropFirst("nvidia".count)) != nil }.count
    }
}
