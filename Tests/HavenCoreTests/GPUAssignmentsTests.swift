import HavenCore
import Testing

/// How a machine's GPU devices are handed to job runners, without a machine.
@Suite struct GPUAssignmentsTests {
    @Test func jobsGetDisjointLowestFreeDevices() {
        var gpus = GPUAssignments(devices: [3, 1, 0, 2])
        #expect(gpus.assign(2, to: "a") == [0, 1])
        #expect(gpus.assign(1, to: "b") == [2])
        #expect(gpus.assign(1, to: "c") == [3])
        #expect(gpus.free == [])
        // Every device is held by exactly one job.
        #expect(gpus.held.values.flatMap { $0 }.sorted() == [0, 1, 2, 3])
    }

    @Test func aJobAskingForMoreThanIsFreeGetsNothingUntilAnotherReleases() {
        var gpus = GPUAssignments(devices: [0, 1, 2, 3])
        _ = gpus.assign(2, to: "a")
        _ = gpus.assign(1, to: "b")
        #expect(gpus.assign(2, to: "c") == nil)
        #expect(gpus.held["c"] == nil)
        #expect(gpus.release("a") == [0, 1])
        #expect(gpus.assign(2, to: "c") == [0, 1])
        #expect(gpus.free == [3])
    }

    @Test func aJobWhoseRunnerStillHoldsDevicesGetsNoSecondSet() {
        var gpus = GPUAssignments(devices: [0, 1])
        _ = gpus.assign(1, to: "a")
        #expect(gpus.assign(1, to: "a") == nil)
        #expect(gpus.held == ["a": [0]])
        #expect(gpus.release("nobody") == [])
    }

    @Test func aJobGivenNoGPUSeesNone() {
        var gpus = GPUAssignments(devices: [0])
        #expect(gpus.assign(0, to: "cpu") == [])
        #expect(GPUAssignments.visibleDevices([]) == "")
        #expect(GPUAssignments.visibleDevices([0, 2]) == "0,2")
        #expect(gpus.free == [0])
    }

    @Test func deviceListsAreParsedOrRefused() {
        #expect(GPUAssignments.parse("0,1, 3") == [0, 1, 3])
        #expect(GPUAssignments.parse("") == [])
        #expect(GPUAssignments.parse("0,gpu1") == nil)
        #expect(GPUAssignments.parse("-1") == nil)
        #expect(GPUAssignments(devices: [1, 1, 0]).devices == [0, 1])
    }
}
