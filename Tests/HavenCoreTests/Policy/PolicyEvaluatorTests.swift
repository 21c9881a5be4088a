import Foundation
import Testing

@testable import HavenCore

@Suite struct PolicyEvaluatorTests {
    typealias F = PolicyFixtures

    @Test func nothingIsAllowedWithoutARule() {
        let policy = PolicySet(rules: [F.allow("read", ["data.read"])])
        let decision = policy.decide(F.query("data.write", role: nil))
        #expect(!decision.allowed)
        #expect(decision.rule == "default.deny")
    }

    @Test func explicitDenyBeatsAnyAllowWhateverTheOrder() {
        let denyLast = PolicySet(rules: [F.allow("read", ["data.*"]), F.deny("no-read", ["data.read"])])
        let denyFirst = PolicySet(rules: [F.deny("no-read", ["data.read"]), F.allow("read", ["data.*"])])
        for policy in [denyLast, denyFirst] {
            let decision = policy.decide(F.query("data.read"))
            #expect(!decision.allowed)
            #expect(decision.rule == "no-read")
            #expect(policy.decide(F.query("data.list")).allowed)
        }
    }

    @Test func principalsMatchByUserGroupOrRole() {
        let policy = PolicySet(rules: [
            F.allow("by-user", ["a.user"], principals: PolicyPrincipals(users: ["ada"])),
            F.allow("by-group", ["a.group"], principals: PolicyPrincipals(groups: ["radiology"])),
            F.allow("by-role", ["a.role"], principals: PolicyPrincipals(roles: [.dataSteward])),
        ])
        #expect(policy.decide(F.query("a.user")).allowed)
        #expect(!policy.decide(F.query("a.user", user: "bob")).allowed)
        #expect(policy.decide(F.query("a.group", user: "bob", groups: ["radiology"])).allowed)
        #expect(!policy.decide(F.query("a.group", user: "bob", groups: ["oncology"])).allowed)
        #expect(policy.decide(F.query("a.role", role: .dataSteward)).allowed)
        #expect(!policy.decide(F.query("a.role", role: .researcher)).allowed)
    }

    @Test func timeWindowIsReadInItsTimeZone() {
        // Amsterdam is UTC+1 in December: 07:30Z is 08:30 there (open), 17:30Z is 18:30 (closed).
        // 2026-12-03 is a Thursday and 2026-12-05 a Saturday.
        let window = TimeWindow(
            weekdays: [2, 3, 4, 5, 6], fromMinute: 8 * 60, toMinute: 18 * 60,
            timeZone: TimeZone(identifier: "Europe/Amsterdam")!)
        let policy = PolicySet(rules: [
            F.allow("office-hours", ["session.start"], conditions: PolicyConditions(timeWindow: window))
        ])
        #expect(policy.decide(F.query("session.start", time: F.time("2026-12-03T07:30:00Z"))).allowed)
        #expect(!policy.decide(F.query("session.start", time: F.time("2026-12-03T06:59:00Z"))).allowed)
        #expect(!policy.decide(F.query("session.start", time: F.time("2026-12-03T17:30:00Z"))).allowed)
        #expect(!policy.decide(F.query("session.start", time: F.time("2026-12-05T10:00:00Z"))).allowed)
        // In July Amsterdam is UTC+2: 06:30Z is 08:30 there (open), 16:30Z is 18:30 (closed); 2026-07-02 is a
        // Thursday.
        #expect(policy.decide(F.query("session.start", time: F.time("2026-07-02T06:30:00Z"))).allowed)
        #expect(!policy.decide(F.query("session.start", time: F.time("2026-07-02T16:30:00Z"))).allowed)
    }

    @Test func projectMustBeActiveAndWithinItsDates() {
        let policy = PolicySet(rules: [
            F.allow("active", ["data.read"], conditions: PolicyConditions(projectActive: true))
        ])
        var project = F.project
        project.startsAt = F.time("2026-12-01T00:00:00Z")
        project.endsAt = F.time("2026-12-31T00:00:00Z")
        #expect(policy.decide(F.query("data.read", project: project)).allowed)
        #expect(!policy.decide(F.query("data.read", project: project, time: F.time("2026-11-30T23:59:00Z"))).allowed)
        #expect(!policy.decide(F.query("data.read", project: project, time: F.time("2026-12-31T00:00:00Z"))).allowed)
        project.state = .ended
        #expect(!policy.decide(F.query("data.read", project: project)).allowed)
        #expect(!policy.decide(F.query("data.read", project: nil)).allowed)
    }

    @Test func declaredPurposeMustMatchTheApprovedOne() {
        let policy = PolicySet(rules: [
            F.allow("purpose", ["data.read"], conditions: PolicyConditions(purposes: ["approved"]))
        ])
        #expect(policy.decide(F.query("data.read", purpose: "vertebra segmentation")).allowed)
        #expect(!policy.decide(F.query("data.read", purpose: "marketing")).allowed)
        #expect(!policy.decide(F.query("data.read")).allowed)
    }

    @Test func classificationAndMultiFactorConditions() {
        let policy = PolicySet(rules: [
            F.allow(
                "identifiable", ["data.read"],
                conditions: PolicyConditions(classifications: ["identifiable"], mfa: true))
        ])
        var query = F.query("data.read", mfa: true)
        query.classification = "identifiable"
        #expect(policy.decide(query).allowed)
        query.mfa = false
        #expect(!policy.decide(query).allowed)
        query.mfa = true
        query.classification = "anonymous"
        #expect(!policy.decide(query).allowed)
    }

    @Test func resourcePatternsMatchProjectsDatasetsAndPaths() {
        let resources = PolicyResources(
            projects: [GlobPattern("spine*")], paths: [GlobPattern("images/*.nii.gz", isPath: true)])
        let policy = PolicySet(rules: [F.allow("images", ["data.read"], resources: resources)])
        #expect(policy.decide(F.query("data.read", path: "images/ct.nii.gz")).allowed)
        #expect(!policy.decide(F.query("data.read", path: "images/sub/ct.nii.gz")).allowed)
        let other = ProjectFacts(id: "p2", name: "liver")
        #expect(!policy.decide(F.query("data.read", project: other, path: "images/ct.nii.gz")).allowed)
    }

    @Test func globsHonourSegments() {
        #expect(GlobPattern("jobs/**", isPath: true).matches("jobs/a/b/c"))
        #expect(!GlobPattern("jobs/**", isPath: true).matches("jobsx/a"))
        #expect(GlobPattern("a/**/z", isPath: true).matches("a/z"))
        #expect(GlobPattern("a/**/z", isPath: true).matches("a/b/c/z"))
        #expect(!GlobPattern("a/*", isPath: true).matches("a/b/c"))
        #expect(GlobPattern("data.*").matches("data.read"))
        #expect(!GlobPattern("data.*").matches("dataset.read"))
        #expect(GlobPattern("*").matches("anything.at.all"))
    }

    @Test func explainNamesTheDeciderAndWhyOthersDidNot() {
        let policy = PolicySet(rules: [
            F.allow("for-bob", ["data.read"], principals: PolicyPrincipals(users: ["bob"])),
            F.allow("researchers", ["data.read"], principals: PolicyPrincipals(roles: [.researcher])),
            F.allow("everyone", ["data.*"]),
            F.allow("unrelated", ["job.submit"], principals: PolicyPrincipals(users: ["bob"])),
        ])
        let explanation = policy.explain(F.query("data.read"))
        #expect(explanation.decision.rule == "researchers")
        #expect(explanation.verdicts.map(\.rule) == ["for-bob", "researchers", "everyone"])
        #expect(explanation.verdicts.map(\.decided) == [false, true, false])
        #expect(explanation.verdicts[0].because.contains("does not name user `ada`"))
        #expect(explanation.verdicts[2].because.contains("`researchers` comes first"))
    }

    @Test func quotasFallBackToTheStandardLimits() {
        let quotas = PolicyQuotas(
            standard: ProjectQuota(gpuHoursPerMonth: 100, concurrentGPUs: 2, longestSessionHours: 8),
            projects: ["spine": ProjectQuota(gpuHoursPerMonth: 500)])
        let policy = PolicySet(rules: [], quotas: quotas)
        #expect(
            policy.quota(forProject: "spine")
                == ProjectQuota(gpuHoursPerMonth: 500, concurrentGPUs: 2, longestSessionHours: 8))
        #expect(policy.quota(forProject: "liver") == quotas.standard)
    }

    @Test func indexedDecisionsAgreeWithAPlainScan() {
        var generator = SystemRandomNumberGenerator()
        let actions = ["data.read", "data.write", "job.submit", "model.read"]
        let patterns = actions + ["data.*", "*"]
        var rules: [PolicyRule] = []
        for number in 0..<300 {
            let principals = PolicyPrincipals(
                users: ["u\(Int.random(in: 0..<20, using: &generator))"],
                groups: Int.random(in: 0..<3, using: &generator) == 0 ? ["g\(number % 4)"] : [])
            let action = [patterns.randomElement(using: &generator)!]
            rules.append(
                Bool.random(using: &generator) && number % 5 == 0
                    ? F.deny("r\(number)", action, principals: principals)
                    : F.allow("r\(number)", action, principals: principals))
        }
        let policy = PolicySet(rules: rules)
        for user in 0..<20 {
            for action in actions {
                let query = F.query(action, user: "u\(user)", groups: ["g\(user % 4)"], role: nil)
                let applying = rules.filter { $0.mismatch(query) == nil }
                let expected = applying.first { $0.effect == .deny } ?? applying.first
                #expect(policy.decide(query).rule == (expected?.id ?? "default.deny"))
            }
        }
    }
}
