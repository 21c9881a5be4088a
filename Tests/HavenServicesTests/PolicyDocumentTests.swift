import Foundation
import HavenCore
import HavenTestSupport
import Testing

@testable import HavenServices

@Suite struct PolicyDocumentTests {
    @Test func shippedPolicyFilesStateTheBuiltInRules() throws {
        let files = try PolicyFolder.read(Repository.root.appending(path: "Policies"))
        let policy = try PolicyDocument.policy(from: files)
        #expect(policy.rules.map(\.id) == DefaultPolicy.rules.map(\.id))
        #expect(policy.rules == DefaultPolicy.rules)
        #expect(policy.quotas == PolicyQuotas())
    }

    @Test func readsConditionsAndQuotas() throws {
        let text = """
            rules:
              - id: office
                effect: allow
                principals: {groups: [radiology]}
                actions: [session.start]
                resources: {projects: ["spine-*"], paths: ["images/**"]}
                conditions:
                  project_active: true
                  purposes: [approved]
                  mfa: yes
                  time_window: {days: [mon, fri], from: "08:00", to: "18:30", zone: Europe/Amsterdam}
            quotas:
              default: {concurrent_gpus: 2}
              projects:
                spine-a: {gpu_hours_per_month: 120.5, longest_session_hours: 8}
            """
        let policy = try PolicyDocument.policy(from: [PolicyFile(name: "a.yaml", content: text)])
        let rule = try #require(policy.rules.first)
        #expect(rule.principals == PolicyPrincipals(groups: ["radiology"]))
        #expect(rule.resources.paths == [GlobPattern("images/**", isPath: true)])
        #expect(rule.conditions.mfa && rule.conditions.projectActive)
        // Foundation numbers Monday 2 and Friday 6; 18:30 is minute 1110.
        #expect(rule.conditions.timeWindow?.weekdays == [2, 6])
        #expect(rule.conditions.timeWindow?.toMinute == 1110)
        #expect(
            policy.quota(forProject: "spine-a")
                == ProjectQuota(gpuHoursPerMonth: 120.5, concurrentGPUs: 2, longestSessionHours: 8))
    }

    @Test func errorsNameFileLineColumnAndFix() {
        let cases: [(String, String, String)] = [
            (
                "rules:\n  - id: a\n    effect: maybe\n    principals: {everyone: true}\n    actions: [x]\n", "3:13",
                "effect: allow"
            ),
            (
                "rules:\n  - id: a\n    effect: allow\n    principals: {roles: [boss]}\n    actions: [x]\n", "4:26",
                "unknown role `boss`"
            ),
            (
                "rules:\n  - id: a\n    effect: allow\n    principals: {everyone: true}\n    actions: [x]\n"
                    + "    colour: red\n",
                "6:13", "unknown key `colour`"
            ),
            ("rules: [\n", "2:1", "did not find expected node content"),
        ]
        for (text, place, words) in cases {
            do {
                _ = try PolicyDocument.policy(from: [PolicyFile(name: "bad.yaml", content: text)])
                Issue.record("accepted: \(text)")
            } catch {
                let message = String(describing: error)
                #expect(message.hasPrefix("bad.yaml:" + place + ":"), "\(message)")
                #expect(message.contains(words), "\(message)")
            }
        }
    }

    @Test func duplicateRuleIdsAcrossFilesAreRefused() {
        let rule = "rules:\n  - id: same\n    effect: allow\n    principals: {everyone: true}\n    actions: [x]\n"
        let files = [PolicyFile(name: "a.yaml", content: rule), PolicyFile(name: "b.yaml", content: rule)]
        #expect(throws: PolicyFileError.self) { try PolicyDocument.policy(from: files) }
    }
}
