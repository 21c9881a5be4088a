import HavenCore
import Testing

@Suite struct ModelLifecycleTests {
    @Test func promotingACandidateDeploysIt() throws {
        #expect(try ModelLifecycle.next(.candidate, on: .promote) == .deployed)
    }

    @Test func retiringACandidateRetiresIt() throws {
        #expect(try ModelLifecycle.next(.candidate, on: .retire) == .retired)
    }

    @Test func retiringADeployedVersionRetiresIt() throws {
        #expect(try ModelLifecycle.next(.deployed, on: .retire) == .retired)
    }

    @Test func promotingADeployedVersionIsRefused() {
        #expect(throws: ModelLifecycle.Refusal(from: .deployed, event: .promote)) {
            try ModelLifecycle.next(.deployed, on: .promote)
        }
    }

    @Test func aRetiredVersionRefusesEveryEvent() {
        for event in ModelEvent.allCases {
            #expect(throws: ModelLifecycle.Refusal(from: .retired, event: event)) {
                try ModelLifecycle.next(.retired, on: event)
            }
        }
    }

    @Test func everyPairOutsideTheThreeTransitionsIsRefused() {
        // Hand list of the allowed pairs: (candidate, promote), (candidate, retire), (deployed, retire).
        let allowed: Set<String> = ["candidate.promote", "candidate.retire", "deployed.retire"]
        for state in ModelState.allCases {
            for event in ModelEvent.allCases {
                let succeeded = (try? ModelLifecycle.next(state, on: event)) != nil
                #expect(succeeded == allowed.contains(state.rawValue + "." + event.rawValue), "\(state) \(event)")
            }
        }
    }

    @Test func onlyRetiredVersionsRefuseNewJobs() {
        #expect(ModelState.allCases.filter { !$0.acceptsNewJobs } == [.retired])
    }

    @Test func refusalOfARetiredVersionSaysToRegisterANewOne() {
        let refusal = ModelLifecycle.Refusal(from: .retired, event: .promote)
        #expect(refusal.description.contains("register a new version"))
    }
}
