/// Admission by quota: whether a project may take on a job, and if not, which limit it would pass and by how much.
///
/// Pure: the caller reads the project's usage and quota inside the submitting transaction.
public enum QuotaAdmission {
    /// `nil` when `request` fits `quota` on top of `usage`; otherwise a sentence naming the limit, the excess and
    /// what would fit.
    public static func refusal(_ request: ComputeRequest, usage: ProjectUsage, quota: ProjectQuota) -> String? {
        if request.kind == .session, let longest = quota.longestSessionHours {
            let hours = request.hours ?? .infinity
            if hours > longest {
                let asked = hours.isFinite ? "of \(number(hours)) h" : "without an end time"
                return "longest session: a session \(asked) exceeds the project's limit of \(number(longest)) h"
                    + (hours.isFinite ? " by \(number(hours - longest)) h" : "")
                    + "; ask for at most \(number(longest)) h"
            }
        }
        if let limit = quota.concurrentGPUs, usage.gpusInFlight + request.gpus > limit {
            let over = usage.gpusInFlight + request.gpus - limit
            return "concurrent GPUs: \(request.gpus) more on top of \(usage.gpusInFlight) in flight exceed the"
                + " project's limit of \(limit) by \(over); wait for running jobs to end or ask for fewer GPUs"
        }
        guard let limit = quota.gpuHoursPerMonth, request.gpus > 0 else { return nil }
        let most = request.hours.map { Double(request.gpus) * $0 } ?? 0
        let over = usage.gpuHoursThisMonth + most - limit
        guard over > 0 || usage.gpuHoursThisMonth >= limit else { return nil }
        guard let hours = request.hours else {
            return "GPU-hours per month: the project has used \(number(usage.gpuHoursThisMonth)) of its"
                + " \(number(limit)) GPU-hours this month, \(number(over)) over the limit; no GPU job starts"
                + " until next month"
        }
        return "GPU-hours per month: this job may use \(number(most)) (\(request.gpus) GPUs x \(number(hours)) h);"
            + " with \(number(usage.gpuHoursThisMonth)) used this month that exceeds the project's limit of"
            + " \(number(limit)) by \(number(over)); ask for at most"
            + " \(number(max(limit - usage.gpuHoursThisMonth, 0))) GPU-hours"
    }

    /// A number for a message: at most two decimals, no trailing zeros.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }
}
