import Foundation

/// An exclusive lock on a Haven home, held while a server runs there, so that a second server on the same home
/// (which would share its embedded database and run a second local pool) is refused instead of tolerated.
///
/// The lock is `flock` on `HOME/serve.lock`; the kernel drops it when the process ends, however it ends.
final class HomeLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock, or throws naming the home when another process holds it.
    init(home: URL) throws {
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let path = home.appending(path: "serve.lock").path
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw HomeLockError(message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw HomeLockError(
                message: "another haven server is using the Haven home \(home.path); stop it first, or set "
                    + "HAVEN_HOME to another folder")
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}

/// Why a Haven home could not be locked.
struct HomeLockError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
