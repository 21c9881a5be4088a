import Testing

@testable import HavenCore

@Suite struct JobLifecycleTests {
    @Test func happyPathEndsSucceeded() throws {
        var state = JobState.queued
        for event in [JobEvent.placed, .started, .succeeded] {
            state = try JobLifecycle.next(state, on: event)
        }
        #expect(state == .succeeded)
        #expect(state.isFinal)
    }

    @Test func finalStatesRefuseEveryEvent() {
        let events: [JobEvent] = [.placed, .started, .succeeded, .failed(reason: "x"), .cancelled]
        for state in JobState.allCases where state.isFinal {
            for event in events {
                #expect(throws: JobLifecycle.Refusal(from: state, event: event)) {
                    try JobLifecycle.next(state, on: event)
                }
            }
        }
    }

    @Test func queuedJobCannotSucceedWithoutRunning() {
        #expect(throws: JobLifecycle.Refusal.self) { try JobLifecycle.next(.queued, on: .succeeded) }
        #expect(throws: JobLifecycle.Refusal.self) { try JobLifecycle.next(.placed, on: .succeeded) }
    }

    @Test func cancelAndFailReachFinalStatesFromLiveOnes() throws {
        #expect(try JobLifecycle.next(.queued, on: .cancelled) == .cancelled)
        #expect(try JobLifecycle.next(.running, on: .cancelled) == .cancelled)
        #expect(try JobLifecycle.next(.placed, on: .failed(reason: "runner exited")) == .failed)
        #expect(try JobLifecycle.next(.running, on: .failed(reason: "runtime error")) == .failed)
    }

    @Test func onlyPlacedAndRunningJobsHoldTokens() {
        // Hand list: the token lives from placement to the end.
        let holding = JobState.allCases.filter(\.holdsToken)
        #expect(holding == [.placed, .running])
    }
}
