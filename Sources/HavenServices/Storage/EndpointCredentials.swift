import Foundation

/// How an endpoint's credentials are sealed: with the vault's envelope scheme, bound to the project and the
/// endpoint's name so that sealed credentials copied to another endpoint's row do not open.
enum EndpointCredentials {
    /// The binding of endpoint `name` of `projectID`; the `/` keeps it apart from every secret's name.
    static func binding(_ projectID: String, _ name: String) -> SecretSealer.Binding {
        SecretSealer.Binding(projectID: projectID, name: "storage/" + name, version: 1)
    }
}
