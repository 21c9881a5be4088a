import Foundation

/// Standard output for people and scripts, one unbuffered write per line, so that a supervisor reading a pipe sees
/// each line (the serving address, say) as soon as it is written.
enum Console {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
