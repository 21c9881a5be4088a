extension DataGrant.Method {
    /// The grant method that allows `action`, or nil for an action no grant can allow.
    public init?(_ action: Action) {
        switch action {
        case .dataRead: self = .read
        case .dataWrite: self = .write
        case .dataDelete: self = .delete
        default: return nil
        }
    }

    /// The action this method allows.
    public var action: Action {
        switch self {
        case .read: return .dataRead
        case .write: return .dataWrite
        case .delete: return .dataDelete
        }
    }
}
