/// Which of a machine's GPU devices each job runner holds: a runner gets the lowest free device indices, no two
/// runners hold the same device, and a runner's devices are free again only when its owner releases them (once
/// the runner process has exited).
///
/// Pure: local pools and `haven agent` keep one behind a lock and set `CUDA_VISIBLE_DEVICES` from what it assigns.
public struct GPUAssignments: Sendable, Equatable {
    /// The device indices there are to hand out, ascending.
    public let devices: [Int]
    /// The devices each job's runner holds, by job id.
    public private(set) var held: [String: [Int]] = [:]

    /// An inventory of `devices` (duplicates count once), none of them held.
    public init(devices: [Int]) {
        self.devices = Array(Set(devices)).sorted()
    }

    /// The devices no runner holds, ascending.
    public var free: [Int] {
        let taken = Set(held.values.joined())
        return devices.filter { !taken.contains($0) }
    }

    /// Gives `jobID` the `count` lowest free devices; `nil`, changing nothing, when fewer are free or the job
    /// holds devices already (a runner that has not exited keeps its own).
    public mutating func assign(_ count: Int, to jobID: String) -> [Int]? {
        let free = free
        guard count >= 0, count <= free.count, held[jobID] == nil else { return nil }
        let given = Array(free.prefix(count))
        held[jobID] = given
        return given
    }

    /// Frees the devices of `jobID`; returns them (none when it held nothing).
    @discardableResult
    public mutating func release(_ jobID: String) -> [Int] {
        held.removeValue(forKey: jobID) ?? []
    }

    /// The value of `CUDA_VISIBLE_DEVICES` for a runner given `devices`: their indices with commas, or empty,
    /// which hides every GPU from a runner given none.
    public static func visibleDevices(_ devices: [Int]) -> String {
        devices.map(String.init).joined(separator: ",")
    }

    /// Reads a device list such as `0,1,3` (spaces allowed, empty for none); `nil` when an entry is not a
    /// non-negative integer.
    public static func parse(_ text: String) -> [Int]? {
        var devices: [Int] = []
        for field in text.split(separator: ",") {
            let entry = field.filter { !$0.isWhitespace }
            if entry.isEmpty { continue }
            guard let index = Int(entry), index >= 0 else { return nil }
            devices.append(index)
        }
        return devices
    }
}
