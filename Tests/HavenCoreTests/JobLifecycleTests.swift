import Testing

@testable import HavenCore

@Suite struct JobLifecycleTests {
    /// A machine driven through `events` from a fresh submission.
    static func machine(_ events: [JobEvent], retry: RetryPolicy = RetryPolicy()) throws -> JobLifecycle {
        var machine = JobLifecycle(retryPolicy: retry)
        for event in events { _ = try machine.handle(event) }
        return machine
    }

    @Test func happyPathPublishesTheOnlyAttemptsOutputs() throws {
        var machine = try Self.machine([.admitted, .placed, .started])
        #expect(machine.state == .running)
        let end = try machine.handle(.succeeded)
        #expect(end.state == .succeeded)
        #expect(end.endedAttempt == .init(number: 1, end: .succeeded))
        #expect(end.actions == [.revokeToken, .publishOutputs(attempt: 1)])
        #expect(end.state.isFinal)
    }

    @Test func placementIssuesTheToken() throws {
        var machine = try Self.machine([.admitted])
        #expect(try machine.handle(.placed) == JobTransition(state: .placed, attempt: 1, actions: [.issueToken]))
    }

    @Test func refusedAdmissionFailsWithoutAnAttempt() throws {
        var machine = JobLifecycle()
        let refused = try machine.handle(.refused(reason: "GPU-hours: 12 of 10 per month"))
        #expect(refused == JobTransition(state: .failed, attempt: 1))
    }

    @Test func unadmittedJobCannotBePlaced() {
        var machine = JobLifecycle()
        #expect(throws: JobLifecycle.Refusal(from: .queued, event: .placed)) { try machine.handle(.placed) }
        #expect(machine.state == .queued)
    }

    @Test func finalStatesRefuseEveryEvent() throws {
        let events: [JobEvent] = [
            .admitted, .refused(reason: "x"), .placed, .started, .heartbeat, .succeeded, .failed(reason: "x"),
            .cancelled, .timedOut, .stalled, .preempted, .requeued, .nodeLost,
        ]
        for state in JobState.allCases where state.isFinal {
            for event in events {
                var machine = JobLifecycle(state: state)
                #expect(throws: JobLifecycle.Refusal(from: state, event: event)) { try machine.handle(event) }
            }
        }
    }

    @Test func jobCannotSucceedWithoutRunning() {
        for state in [JobState.queued, .admitted, .placed] {
            var machine = JobLifecycle(state: state)
            #expect(throws: JobLifecycle.Refusal.self) { try machine.handle(.succeeded) }
        }
    }

    @Test func cancelDuringStagingStopsTheRunnerAndDiscardsOutputs() throws {
        var machine = try Self.machine([.admitted, .placed])
        let cancelled = try machine.handle(.cancelled)
        #expect(cancelled.state == .cancelled)
        #expect(cancelled.endedAttempt == .init(number: 1, end: .cancelled))
        #expect(cancelled.actions == [.stopRunner, .revokeToken, .discardOutputs(attempt: 1)])
    }

    @Test func cancelBeforePlacementHasNoAttemptToStop() throws {
        var queued = JobLifecycle()
        #expect(try queued.handle(.cancelled) == JobTransition(state: .cancelled, attempt: 1))
        var admitted = try Self.machine([.admitted])
        #expect(try admitted.handle(.cancelled) == JobTransition(state: .cancelled, attempt: 1))
    }

    @Test func preemptionStartsASecondAttemptOfTheSameJobWithoutUsingARetry() throws {
        var machine = try Self.machine([.admitted, .placed, .started], retry: .never)
        let preempted = try machine.handle(.preempted)
        #expect(preempted.state == .admitted)
        #expect(preempted.attempt == 2)
        #expect(preempted.endedAttempt == .init(number: 1, end: .preempted))
        #expect(
            preempted.actions == [.stopRunner, .revokeToken, .discardOutputs(attempt: 1), .enqueueAttempt(2)])
        #expect(machine.retriesUsed == 0)
        // The second attempt runs to the end and publishes its own outputs only.
        _ = try machine.handle(.placed)
        _ = try machine.handle(.started)
        #expect(try machine.handle(.succeeded).actions == [.revokeToken, .publishOutputs(attempt: 2)])
    }

    @Test func schedulersRequeueIsANewAttemptThatLeavesTheSchedulersJobAlone() throws {
        var machine = try Self.machine([.admitted, .placed, .started])
        let requeued = try machine.handle(.requeued)
        #expect(requeued.state == .admitted)
        #expect(requeued.attempt == 2)
        #expect(requeued.endedAttempt == .init(number: 1, end: .requeued))
        #expect(requeued.actions == [.revokeToken, .discardOutputs(attempt: 1), .enqueueAttempt(2)])
    }

    @Test func silentRunnerStallsAndComesBackOnAHeartbeat() throws {
        var machine = try Self.machine([.admitted, .placed, .started])
        #expect(try machine.handle(.stalled) == JobTransition(state: .stalled, attempt: 1))
        #expect(machine.state.holdsToken)
        #expect(try machine.handle(.heartbeat) == JobTransition(state: .running, attempt: 1))
    }

    @Test func stalledJobCanBeCancelled() throws {
        var machine = try Self.machine([.admitted, .placed, .started, .stalled])
        let cancelled = try machine.handle(.cancelled)
        #expect(cancelled.state == .cancelled)
        #expect(cancelled.actions == [.stopRunner, .revokeToken, .discardOutputs(attempt: 1)])
    }

    @Test func lostNodeRetriesOnANewAttemptWhileRetriesRemain() throws {
        // maxRetries 1: the first loss retries (attempt 2), the second ends the job as lost.
        var machine = try Self.machine([.admitted, .placed, .started], retry: RetryPolicy(maxRetries: 1))
        let first = try machine.handle(.nodeLost)
        #expect(first.state == .admitted)
        #expect(first.attempt == 2)
        #expect(first.endedAttempt == .init(number: 1, end: .lost))
        #expect(first.actions == [.revokeToken, .discardOutputs(attempt: 1), .enqueueAttempt(2)])
        #expect(machine.retriesUsed == 1)

        _ = try machine.handle(.placed)
        let second = try machine.handle(.nodeLost)
        #expect(second.state == .lost)
        #expect(second.endedAttempt == .init(number: 2, end: .lost))
        #expect(second.actions == [.revokeToken, .discardOutputs(attempt: 2)])
    }

    @Test func lostNodeEndsTheJobWhenThePolicyDoesNotRetryIt() throws {
        var machine = try Self.machine([.admitted, .placed], retry: RetryPolicy(retryOnLostNode: false))
        #expect(try machine.handle(.nodeLost).state == .lost)
    }

    @Test func failureIsFinalUnlessThePolicyRetriesFailures() throws {
        var plain = try Self.machine([.admitted, .placed, .started])
        let failed = try plain.handle(.failed(reason: "runtime error"))
        #expect(failed.state == .failed)
        #expect(failed.actions == [.revokeToken, .discardOutputs(attempt: 1)])

        var retrying = try Self.machine([.admitted, .placed, .started], retry: RetryPolicy(retryOnFailure: true))
        let retried = try retrying.handle(.failed(reason: "runtime error"))
        #expect(retried.state == .admitted)
        #expect(retried.attempt == 2)
    }

    @Test func timeLimitStopsTheRunnerFromEveryLiveState() throws {
        for path in [
            [JobEvent.admitted, .placed], [.admitted, .placed, .started], [.admitted, .placed, .started, .stalled],
        ] {
            var machine = try Self.machine(path)
            let timedOut = try machine.handle(.timedOut)
            #expect(timedOut.state == .timedOut)
            #expect(timedOut.endedAttempt?.end == .timedOut)
            #expect(timedOut.actions.first == .stopRunner)
        }
    }

    @Test func staticNextKeepsNoRetries() throws {
        #expect(try JobLifecycle.next(.running, on: .nodeLost) == .lost)
        #expect(try JobLifecycle.next(.placed, on: .failed(reason: "runner exited")) == .failed)
    }

    @Test func tokenHoldersAreTheStatesWithAnAttemptOnANode() {
        // Hand list: the token lives from placement to the attempt's end.
        let holding = JobState.allCases.filter(\.holdsToken)
        #expect(holding == [.placed, .running, .stalled])
    }

    @Test func onlySucceededAttemptsPublish() {
        #expect(AttemptEnd.allCases.filter(\.publishesOutputs) == [.succeeded])
    }
}
