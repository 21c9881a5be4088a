import Foundation

/// The GPUs a job runner can see: the ones `CUDA_VISIBLE_DEVICES` names when the scheduler set it, otherwise
/// every `/dev/nvidiaN` of the machine.
struct VisibleGPUs: Sendable, Equatable {
    /// What the runner saw, in words for the job's record, such as `CUDA_VISIBLE_DEVICES=0 SLURM_JOB_GPUS=0`.
    var description: String
    var count: Int

    static func current(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> VisibleGPUs {
        let named = ["CUDA_VISIBLE_DEVICES", "SLURM_JOB_GPUS", "SLURM_STEP_GPUS"].compactMap { name in
            environment[name].map { name + "=" + $0 }
        }
        if let visible = environment["CUDA_VISIBLE_DEVICES"] {
            let devices = visible.split(separator: ",").filter { !$0.isEmpty && $0 != "NoDevFiles" }
            return VisibleGPUs(description: named.joined(separator: " "), count: devices.count)
        }
        let count = LocalDevices.gpuCount()
        return VisibleGPUs(description: (named + ["/dev/nvidia* count=\(count)"]).joined(separator: " "), count: count)
    }

    /// Why a runner given `given` GPUs must not start, or `nil` when it sees exactly that many.
    func refusal(given: Int) -> String? {
        guard count != given else { return nil }
        return "this job was given \(given) GPU(s) but its runner sees \(count) (\(description)); it stopped before"
            + " any work so that it cannot use GPUs it was not given"
    }
}
