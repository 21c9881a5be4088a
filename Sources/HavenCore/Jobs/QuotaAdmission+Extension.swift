extension QuotaAdmission {
    /// `nil` when a session of `gpus` GPUs granted `hours` so far may run `extra` hours longer under `quota` on
    /// top of `usage`; otherwise a sentence naming the limit, the excess and what would fit.
    public static func extensionRefusal(
        gpus: Int, hours: Double, extra: Double, usage: ProjectUsage, quota: ProjectQuota
    ) -> String? {
        if let longest = quota.longestSessionHours, hours + extra > longest {
            return "longest session: \(number(hours)) h granted plus \(number(extra)) h exceed the project's limit"
                + " of \(number(longest)) h by \(number(hours + extra - longest)) h; extend by at most"
                + " \(number(max(longest - hours, 0))) h"
        }
        guard let limit = quota.gpuHoursPerMonth, gpus > 0 else { return nil }
        let more = Double(gpus) * extra
        let over = usage.gpuHoursThisMonth + more - limit
        guard over > 0 else { return nil }
        return "GPU-hours per month: \(number(extra)) h more of \(gpus) GPUs is \(number(more)) GPU-hours; with"
            + " \(number(usage.gpuHoursThisMonth)) used this month that exceeds the project's limit of"
            + " \(number(limit)) by \(number(over))"
    }
}
