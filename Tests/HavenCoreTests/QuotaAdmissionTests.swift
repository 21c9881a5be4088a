import Testing

@testable import HavenCore

@Suite struct QuotaAdmissionTests {
    @Test func jobWithinEveryLimitIsAdmitted() {
        // 10 used + 2 GPUs x 4 h = 18 <= 20; 2 in flight + 2 = 4 <= 4.
        let quota = ProjectQuota(gpuHoursPerMonth: 20, concurrentGPUs: 4, longestSessionHours: 8)
        let usage = ProjectUsage(gpuHoursThisMonth: 10, gpusInFlight: 2)
        #expect(
            QuotaAdmission.refusal(ComputeRequest(kind: .train, gpus: 2, hours: 4), usage: usage, quota: quota) == nil)
    }

    @Test func noQuotaAdmitsAnything() {
        let usage = ProjectUsage(gpuHoursThisMonth: 1e6, gpusInFlight: 1000)
        #expect(
            QuotaAdmission.refusal(ComputeRequest(kind: .session, gpus: 8), usage: usage, quota: ProjectQuota()) == nil)
    }

    @Test func gpuHoursRefusalNamesTheLimitAndTheExcess() {
        // 95.5 used + 2 GPUs x 4 h = 103.5, over 100 by 3.5; 4.5 would fit.
        let refusal = QuotaAdmission.refusal(
            ComputeRequest(kind: .train, gpus: 2, hours: 4), usage: ProjectUsage(gpuHoursThisMonth: 95.5),
            quota: ProjectQuota(gpuHoursPerMonth: 100))
        #expect(
            refusal
                == "GPU-hours per month: this job may use 8 (2 GPUs x 4 h); with 95.5 used this month that exceeds"
                + " the project's limit of 100 by 3.5; ask for at most 4.5 GPU-hours")
    }

    @Test func spentMonthRefusesGPUJobsWithoutATimeLimitButNotCPUJobs() {
        let usage = ProjectUsage(gpuHoursThisMonth: 102.25)
        let quota = ProjectQuota(gpuHoursPerMonth: 100)
        let refusal = QuotaAdmission.refusal(ComputeRequest(kind: .infer, gpus: 1), usage: usage, quota: quota)
        #expect(refusal?.hasPrefix("GPU-hours per month: the project has used 102.25 of its 100") == true)
        #expect(refusal?.contains("2.25 over the limit") == true)
        #expect(QuotaAdmission.refusal(ComputeRequest(kind: .infer, gpus: 0), usage: usage, quota: quota) == nil)
    }

    @Test func concurrentGPURefusalNamesTheExcess() {
        // 3 in flight + 2 asked = 5, over 4 by 1.
        let refusal = QuotaAdmission.refusal(
            ComputeRequest(kind: .infer, gpus: 2), usage: ProjectUsage(gpusInFlight: 3),
            quota: ProjectQuota(concurrentGPUs: 4))
        #expect(
            refusal?.hasPrefix("concurrent GPUs: 2 more on top of 3 in flight exceed the project's limit of 4 by 1")
                == true)
    }

    @Test func longSessionRefusalNamesTheLimitAndTheExcess() {
        let quota = ProjectQuota(longestSessionHours: 4)
        let refusal = QuotaAdmission.refusal(
            ComputeRequest(kind: .session, gpus: 1, hours: 6), usage: ProjectUsage(), quota: quota)
        #expect(
            refusal
                == "longest session: a session of 6 h exceeds the project's limit of 4 h by 2 h; ask for at most 4 h")
        let endless = QuotaAdmission.refusal(
            ComputeRequest(kind: .session, gpus: 1), usage: ProjectUsage(), quota: quota)
        #expect(endless?.contains("without an end time") == true)
        // The session limit is not a limit on batch jobs.
        #expect(
            QuotaAdmission.refusal(ComputeRequest(kind: .train, gpus: 1, hours: 6), usage: ProjectUsage(), quota: quota)
                == nil)
    }

    @Test func extensionPastTheLongestSessionNamesTheLimit() {
        // 3 h granted + 2 h asked = 5 h, over the 4 h limit by 1 h; 1 h would fit.
        let refusal = QuotaAdmission.extensionRefusal(
            gpus: 1, hours: 3, extra: 2, usage: ProjectUsage(), quota: ProjectQuota(longestSessionHours: 4))
        #expect(
            refusal
                == "longest session: 3 h granted plus 2 h exceed the project's limit of 4 h by 1 h; extend by at most"
                + " 1 h")
        #expect(
            QuotaAdmission.extensionRefusal(
                gpus: 1, hours: 3, extra: 1, usage: ProjectUsage(), quota: ProjectQuota(longestSessionHours: 4))
                == nil)
    }

    @Test func extensionPastTheMonthsGPUHoursNamesTheExcess() {
        // 2 GPUs x 3 h more = 6 GPU-hours; 97 used + 6 = 103, over 100 by 3.
        let refusal = QuotaAdmission.extensionRefusal(
            gpus: 2, hours: 4, extra: 3, usage: ProjectUsage(gpuHoursThisMonth: 97),
            quota: ProjectQuota(gpuHoursPerMonth: 100))
        #expect(refusal?.hasPrefix("GPU-hours per month: 3 h more of 2 GPUs is 6 GPU-hours") == true)
        #expect(refusal?.hasSuffix("exceeds the project's limit of 100 by 3") == true)
    }
}
