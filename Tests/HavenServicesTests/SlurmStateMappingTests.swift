import HavenCore
import Testing

@testable import HavenServices

/// How Slurm's job states map onto Haven's job events, without a cluster.
@Suite struct SlurmStateMappingTests {
    static func status(_ state: String, restarts: Int = 0) -> SlurmREST.JobStatus {
        SlurmREST.JobStatus(id: 7, state: state, restartCount: restarts, reason: "")
    }

    @Test func statesWhileTheRunnerWorksMeanNothingNew() {
        for state in ["PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED"] {
            #expect(SlurmStateMapping.event(for: Self.status(state), submittedRestarts: 0) == nil)
        }
    }

    @Test func endsMapOntoHavensEvents() {
        // Hand table of Slurm's final states and the Haven event each stands for.
        let table: [(String, JobEvent)] = [
            ("TIMEOUT", .timedOut), ("CANCELLED", .cancelled), ("PREEMPTED", .preempted), ("NODE_FAIL", .nodeLost),
            ("FAILED", .failed(reason: "Slurm job 7 ended FAILED")),
            ("OUT_OF_MEMORY", .failed(reason: "Slurm job 7 ended OUT_OF_MEMORY")),
            ("COMPLETED", .failed(reason: "Slurm job 7 ended COMPLETED before the job runner reported an end")),
        ]
        for (state, event) in table {
            #expect(SlurmStateMapping.event(for: Self.status(state), submittedRestarts: 0) == event, "\(state)")
        }
    }

    @Test func slurmsRequeueIsANewAttempt() {
        // Slurm counts restarts; one more than when the attempt began means Slurm requeued the job.
        #expect(SlurmStateMapping.event(for: Self.status("PENDING", restarts: 1), submittedRestarts: 0) == .requeued)
        #expect(SlurmStateMapping.event(for: Self.status("RUNNING", restarts: 1), submittedRestarts: 1) == nil)
    }

    @Test func runnerGivenOneGPUThatSeesEightStopsBeforeWork() {
        let eight = VisibleGPUs.current(["CUDA_VISIBLE_DEVICES": "0,1,2,3,4,5,6,7"])
        #expect(eight.count == 8)
        #expect(eight.refusal(given: 1)?.hasPrefix("this job was given 1 GPU(s) but its runner sees 8") == true)
        let one = VisibleGPUs.current(["CUDA_VISIBLE_DEVICES": "3", "SLURM_JOB_GPUS": "3"])
        #expect(one.refusal(given: 1) == nil)
        #expect(one.description == "CUDA_VISIBLE_DEVICES=3 SLURM_JOB_GPUS=3")
        #expect(VisibleGPUs.current(["CUDA_VISIBLE_DEVICES": ""]).refusal(given: 0) == nil)
    }

    @Test func gpuInventoryReadsNvidiaSmiLines() {
        let gpus = GPUInventory.parse("0, NVIDIA A100-SXM4-40GB, 40960\n1, NVIDIA A100-SXM4-40GB, 40960\nbad line\n")
        #expect(
            gpus == [
                AgentAPI.GPU(index: 0, model: "NVIDIA A100-SXM4-40GB", memoryMiB: 40960),
                AgentAPI.GPU(index: 1, model: "NVIDIA A100-SXM4-40GB", memoryMiB: 40960),
            ])
    }
}
