/// The error of work done on another thread, read after that thread has signalled it is done.
final class OutcomeBox: @unchecked Sendable {
    var error: (any Error)?
}
