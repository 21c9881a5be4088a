/// The SplitMix64 generator (Steele, Lea and Flood, 2014): a 64-bit state advanced by a fixed odd constant and
/// mixed by two multiply-xorshift rounds. Its output depends only on the seed, on every machine, which the
/// system's random number generator does not promise.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
