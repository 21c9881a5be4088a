import Synchronization

/// The key-encryption keys this server holds: the current one, which wraps new data keys, and earlier ones that
/// still unwrap data keys a rotation has not reached yet.
final class VaultKeyring: Sendable {
    private struct State {
        var current: KeyEncryptionKey
        var keys: [String: KeyEncryptionKey]
    }

    private let state: Mutex<State>

    init(current: KeyEncryptionKey) {
        state = Mutex(State(current: current, keys: [current.id: current]))
    }

    /// The key that wraps new data keys.
    var current: KeyEncryptionKey { state.withLock { $0.current } }

    /// The key with id `id`, or a `keyUnknown` error naming it.
    func key(id: String) throws(VaultError) -> KeyEncryptionKey {
        guard let key = state.withLock({ $0.keys[id] }) else {
            throw VaultError(
                .keyUnknown,
                "a data key is wrapped under key-encryption key \(id), which this server does not hold; "
                    + "start it with that key or finish `haven vault rotate-kek`")
        }
        return key
    }

    /// Makes `key` current; the earlier keys stay so that data keys not yet rewrapped still open.
    func install(_ key: KeyEncryptionKey) {
        state.withLock { state in
            state.keys[key.id] = key
            state.current = key
        }
    }
}
