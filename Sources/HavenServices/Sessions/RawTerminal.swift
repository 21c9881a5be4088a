import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Standard input switched to raw mode while a shell session is attached, so that keys reach the remote shell
/// as typed; nothing changes when standard input is not a terminal.
struct RawTerminal: Sendable {
    private let saved: termios

    static func enter() -> RawTerminal? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        var settings = termios()
        guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return nil }
        let saved = settings
        cfmakeraw(&settings)
        guard tcsetattr(STDIN_FILENO, TCSANOW, &settings) == 0 else { return nil }
        return RawTerminal(saved: saved)
    }

    func restore() {
        var settings = saved
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &settings)
    }
}
