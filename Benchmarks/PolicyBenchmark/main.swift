import Dispatch
import Foundation
import HavenCore

// Policy decisions in process: a policy of 1,000 rules over 10,000 users in 200 groups, every user with a role in
// one of 50 projects. Prints decisions per second over the whole run and the p50, p99 and p99.9 latency of single
// decisions, each timed on its own.
//
// usage: haven-policy-bench [DECISIONS]

let decisionCount = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 200_000 : 200_000

let actions = Action.allCases.map(\.rawValue) + ["session.start", "export.request", "export.approve", "dataset.read"]
let families = Array(Set(actions.map { String($0.split(separator: ".")[0]) }))
let zone = TimeZone(identifier: "Europe/Amsterdam")!
let office = TimeWindow(weekdays: [2, 3, 4, 5, 6], fromMinute: 7 * 60, toMinute: 19 * 60, timeZone: zone)

/// 1,000 rules: one in ten a deny, principals by user (10 each), group or role, a quarter with a wildcard action,
/// most limited to projects, some to paths, with project, purpose, time and multi-factor conditions.
func makeRules() -> [PolicyRule] {
    var random = SystemRandomNumberGenerator()
    return (0..<1000).map { number in
        var principals = PolicyPrincipals()
        switch number % 3 {
        case 0: principals.users = Set((0..<10).map { _ in "user\(Int.random(in: 0..<10_000, using: &random))" })
        case 1: principals.groups = ["group\(number % 200)"]
        default: principals.roles = [ProjectRole.allCases[number % ProjectRole.allCases.count]]
        }
        let action =
            number % 4 == 0 ? families[number % families.count] + ".*" : actions[number % actions.count]
        var resources = PolicyResources(projects: [GlobPattern("project\(number % 50)*")])
        if number % 5 == 0 { resources.paths = [GlobPattern("images/**", isPath: true)] }
        var conditions = PolicyConditions(projectActive: number % 2 == 0)
        if number % 7 == 0 { conditions.timeWindow = office }
        if number % 11 == 0 { conditions.purposes = ["approved"] }
        if number % 13 == 0 { conditions.mfa = true }
        return PolicyRule(
            id: "rule\(number)", effect: number % 10 == 0 ? .deny : .allow, principals: principals,
            actions: [GlobPattern(action)], resources: resources, conditions: conditions)
    }
}

let policy = PolicySet(rules: DefaultPolicy.rules + makeRules())
let projects = (0..<50).map { ProjectFacts(id: "p\($0)", name: "project\($0)", purpose: "segmentation") }
let queries: [PolicyQuery] = (0..<10_000).map { user in
    PolicyQuery(
        user: "user\(user)", groups: ["group\(user % 200)", "group\((user * 7) % 200)"],
        role: ProjectRole.allCases[user % ProjectRole.allCases.count], action: actions[user % actions.count],
        project: projects[user % 50], path: "images/case\(user).nii.gz", purpose: "segmentation",
        mfa: user % 2 == 0)
}

// Warm up, then time each decision alone.
var allowed = 0
for query in queries where policy.decide(query).allowed { allowed += 1 }
var latencies = [UInt64](repeating: 0, count: decisionCount)
let start = DispatchTime.now().uptimeNanoseconds
for index in 0..<decisionCount {
    var query = queries[index % queries.count]
    query.action = actions[(index / queries.count + index) % actions.count]
    let before = DispatchTime.now().uptimeNanoseconds
    let decision = policy.decide(query)
    latencies[index] = DispatchTime.now().uptimeNanoseconds - before
    if decision.allowed { allowed += 1 }
}
let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
latencies.sort()

/// The latency at `fraction` of the sorted `values`, in microseconds.
func percentile(_ values: [UInt64], _ fraction: Double) -> Double {
    Double(values[min(values.count - 1, Int(Double(values.count) * fraction))]) / 1000
}

print("rules\t\(policy.rules.count)")
print("users\t\(queries.count)")
print("decisions\t\(decisionCount)")
print("allowed\t\(allowed)")
print("decisions_per_second\t\(Int(Double(decisionCount) / elapsed))")
print("p50_us\t\(String(format: "%.2f", percentile(latencies, 0.50)))")
print("p99_us\t\(String(format: "%.2f", percentile(latencies, 0.99)))")
print("p999_us\t\(String(format: "%.2f", percentile(latencies, 0.999)))")
print("max_us\t\(String(format: "%.2f", percentile(latencies, 1.0)))")
