/// Why a grant token was refused.
struct GrantRefusal: Error, Sendable {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
