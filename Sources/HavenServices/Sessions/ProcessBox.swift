import Foundation

/// A process handed to the one thread that starts it; nothing else touches it meanwhile.
final class ProcessBox: @unchecked Sendable {
    let process: Process

    init(_ process: Process) {
        self.process = process
    }
}
