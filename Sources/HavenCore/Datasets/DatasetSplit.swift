/// A reproducible split of a dataset's cases into named parts, such as 90 % train and 10 % validation.
///
/// The rule, which `Tests/Scripts/dataset_split.py` implements independently: sort the case ids by their UTF-8
/// bytes; shuffle them with Fisher-Yates from the last index down, drawing `j = next() % (i + 1)` from
/// ``SplitMix64`` seeded with `seed`; part k takes the next `floor(fraction_k * n)` cases of the shuffled order,
/// and the last part takes the rest. Each part's members are then listed in sorted order.
public struct DatasetSplit: Codable, Sendable, Equatable {
    /// One named part and its share of the cases.
    public struct Part: Codable, Sendable, Equatable {
        public var name: String
        public var fraction: Double

        public init(name: String, fraction: Double) {
            self.name = name
            self.fraction = fraction
        }
    }

    public var parts: [Part]
    public var seed: UInt64

    public init(parts: [Part], seed: UInt64) {
        self.parts = parts
        self.seed = seed
    }

    /// What is wrong with the parts, or nil: names unique and non-empty, fractions positive and summing to 1.
    public var problem: String? {
        guard !parts.isEmpty else { return "a split needs at least one part, such as train 0.9 and validation 0.1" }
        guard Set(parts.map(\.name)).count == parts.count, parts.allSatisfy({ !$0.name.isEmpty }) else {
            return "split part names must be unique and non-empty"
        }
        guard parts.allSatisfy({ $0.fraction > 0 && $0.fraction <= 1 }) else {
            return "split fractions must lie in (0, 1]"
        }
        let total = parts.reduce(0) { $0 + $1.fraction }
        guard abs(total - 1) < 1e-9 else { return "split fractions add up to \(total); they must add up to 1" }
        return nil
    }

    /// The members of each part, in the order of ``parts``, each list sorted.
    public func assign(_ caseIDs: [String]) -> [(name: String, members: [String])] {
        var order = caseIDs.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var generator = SplitMix64(seed: seed)
        if order.count > 1 {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }

        var result: [(name: String, members: [String])] = []
        var start = 0
        for (index, part) in parts.enumerated() {
            let count =
                index == parts.count - 1
                ? order.count - start
                : min(order.count - start, Int((part.fraction * Double(order.count)).rounded(.down)))
            let members = order[start..<(start + count)].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            result.append((part.name, members))
            start += count
        }
        return result
    }

    /// The canonical text of a membership, whose SHA-256 identifies it: one `part<TAB>case` line per member, parts
    /// in order, members sorted, each line ending in a newline.
    public static func membershipText(_ membership: [(name: String, members: [String])]) -> String {
        membership.map { part in part.members.map { part.name + "\t" + $0 + "\n" }.joined() }.joined()
    }
}
