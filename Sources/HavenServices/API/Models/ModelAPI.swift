import Foundation
import HavenCore

/// The messages of `/v1/projects/:project/models`.
public enum ModelAPI {
    /// A new model version; it starts as a candidate.
    public struct Register: Codable, Sendable {
        public var name: String
        public var version: String
        /// The runtime that runs the model.
        public var runtime: String
        /// The job that trained it, as given (a Haven job id or an outside reference).
        public var trainingJob: String?
        /// The dataset it was trained on, as given.
        public var dataset: String?
        /// Objects it came from (weights, configuration), as given.
        public var objects: [String]?
        public var description: String?

        public init(
            name: String, version: String, runtime: String, trainingJob: String? = nil, dataset: String? = nil,
            objects: [String]? = nil, description: String? = nil
        ) {
            self.name = name
            self.version = version
            self.runtime = runtime
            self.trainingJob = trainingJob
            self.dataset = dataset
            self.objects = objects
            self.description = description
        }
    }

    /// Attaches the report of a finished `segmentation-metrics` job to a model version.
    public struct Attach: Codable, Sendable {
        public var job: String
        /// The report object; the job's `report.json` by default.
        public var reportPath: String?

        public init(job: String, reportPath: String? = nil) {
            self.job = job
            self.reportPath = reportPath
        }
    }

    /// Moves a model version through its lifecycle.
    public struct Transition: Codable, Sendable {
        public var event: ModelEvent

        public init(event: ModelEvent) {
            self.event = event
        }
    }

    /// An evaluation report attached to a model version.
    public struct Evaluation: Codable, Sendable {
        public var job: String
        public var reportPath: String
        public var attachedBy: String
        public var attachedAt: Date
    }

    public struct View: Codable, Sendable {
        public var id: String
        public var project: String
        public var name: String
        public var version: String
        public var runtime: String
        public var trainingJob: String?
        public var dataset: String?
        public var objects: [String]
        public var description: String
        public var state: ModelState
        public var registeredBy: String
        public var registeredAt: Date
        public var stateChangedAt: Date
        public var evaluations: [Evaluation]

        /// `name:version`, as jobs name the model.
        public var reference: String { name + ":" + version }
    }
}
