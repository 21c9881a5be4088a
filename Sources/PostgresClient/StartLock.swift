import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on a file, so that two processes starting the same cluster take turns.
///
/// The descriptor is opened by `init` and closed (releasing the lock) by `deinit`.
final class StartLock {
    private let descriptor: Int32

    init(path: String) throws {
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw PostgresError(.embeddedServer, "cannot open the lock file \(path) (errno \(errno)); check the folder")
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                throw PostgresError(.embeddedServer, "cannot lock \(path) (errno \(errno))")
            }
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}
