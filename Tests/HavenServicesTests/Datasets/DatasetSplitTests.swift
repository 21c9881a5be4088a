import Foundation
import HavenCore
import HavenCrypto
import HavenTestSupport
import Testing

/// Splits give the same membership from the same cases, fractions and seed, on any machine.
@Suite struct DatasetSplitTests {
    /// TotalSegmentator-style case ids s0001 ... s1072.
    static let cases = (1...1072).map { String(format: "s%04d", $0) }
    static let ninetyTen = DatasetSplit(
        parts: [.init(name: "train", fraction: 0.9), .init(name: "validation", fraction: 0.1)], seed: 42)

    /// The membership's SHA-256, computed once by Haven and by `Tests/Scripts/dataset_split.py` (an independent
    /// Python implementation of the rule: `dataset_split.py 1072 42 train=0.9 validation=0.1`), which agreed.
    static let membershipSHA256 = "46d9f06aa6f87cd8ee4973af940367a30b843b53146d80d6006341570848dbe5"

    @Test func ninetyTenSplitOf1072CasesWithSeed42IsTheSameOnEveryRun() {
        let first = Self.ninetyTen.assign(Self.cases)
        let second = Self.ninetyTen.assign(Self.cases.reversed())
        // floor(0.9 * 1072) = floor(964.8) = 964 for train; validation takes the other 108.
        #expect(first.map(\.members.count) == [964, 108])
        #expect(first.map(\.name) == ["train", "validation"])
        #expect(first.map(\.members) == second.map(\.members))
        #expect(Set(first[0].members).isDisjoint(with: first[1].members))
        let text = DatasetSplit.membershipText(first)
        #expect(SHA256.hex(Data(text.utf8)) == Self.membershipSHA256)
    }

    @Test func pythonReimplementationGivesTheSameMembership() async throws {
        let script = Repository.root.appending(path: "Tests/Scripts/dataset_split.py")
        let result = try await ChildProcess.run(
            URL(filePath: "/usr/bin/env"), ["python3", script.path, "1072", "42", "train=0.9", "validation=0.1"])
        #expect(result.status == 0, "python3 failed: \(result.stderr)")
        #expect(result.stdout == "train=964 validation=108\n\(Self.membershipSHA256)\n")
    }

    @Test func splitMix64MatchesItsPublishedFirstOutputs() {
        // The reference outputs for seed 0 from the generator's published C implementation.
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func anotherSeedGivesAnotherMembershipAndBadFractionsAreNamed() {
        var other = Self.ninetyTen
        other.seed = 43
        #expect(other.assign(Self.cases)[1].members != Self.ninetyTen.assign(Self.cases)[1].members)
        let bad = DatasetSplit(
            parts: [.init(name: "train", fraction: 0.9), .init(name: "test", fraction: 0.2)], seed: 1)
        #expect(bad.problem?.contains("add up to") == true)
    }
}
