import Foundation

/// Student's t distribution: its two-sided tail probability and its quantiles.
///
/// The tail comes from the regularised incomplete beta function, evaluated by its continued
/// fraction with the modified Lentz method; quantiles invert the tail by bisection.
enum StudentT {
    /// P(|T| >= |t|) for `degrees` degrees of freedom.
    static func twoSidedP(_ t: Double, degrees: Double) -> Double {
        guard t.isFinite else { return 0 }
        let x = degrees / (degrees + t * t)
        return min(1, max(0, regularisedBeta(x, a: degrees / 2, b: 0.5)))
    }

    /// The value t with P(T <= t) = `probability`, for a probability in 0.5..<1.
    static func quantile(_ probability: Double, degrees: Double) -> Double {
        let tail = 2 * (1 - probability)
        var low = 0.0
        var high = 1.0
        while twoSidedP(high, degrees: degrees) > tail {
            high *= 2
        }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if twoSidedP(middle, degrees: degrees) > tail { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// I_x(a, b), the regularised incomplete beta function.
    static func regularisedBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logBeta + logPowers

        // The continued fraction converges fast only below its mean; use the symmetry
        // I_x(a, b) = 1 - I_(1-x)(b, a) above it.
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        d = abs(d) < tiny ? tiny : d
        d = 1 / d
        var result = d

        for m in 1...300 {
            let m = Double(m)
            // Even step, then odd step, of the fraction's terms.
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            d = abs(d) < tiny ? tiny : d
            c = 1 + even / c
            c = abs(c) < tiny ? tiny : c
            d = 1 / d
            result *= d * c

            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            d = abs(d) < tiny ? tiny : d
            c = 1 + odd / c
            c = abs(c) < tiny ? tiny : c
            d = 1 / d
            let change = d * c
            result *= change
            if abs(change - 1) < 1e-15 { break }
        }
        return result
    }
}
