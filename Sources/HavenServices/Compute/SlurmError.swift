/// A Slurm cluster did not do what Haven asked; the message names the request and Slurm's answer.
struct SlurmError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
