import Foundation
import Synchronization
import Testing

@testable import HavenLogging

/// Collects the lines a sink writes.
final class LineCollector: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    func sink(_ level: LogLevel, _ format: LogSink.Format) -> LogSink {
        LogSink(level: level, format: format) { line in self.lines.withLock { $0.append(line) } }
    }
}

@Suite struct LoggerTests {
    @Test func jsonLinesCarryMessageLevelAndMetadata() throws {
        let collector = LineCollector()
        let logger = Logger(label: "haven.test", sink: collector.sink(.info, .json)).with(.requestID, "r-1")
        logger.info("job placed", [.jobID: "j-9"])

        let line = try #require(collector.all.first)
        #expect(line.hasSuffix("\n"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["message"] == "job placed")
        #expect(object["level"] == "info")
        #expect(object["logger"] == "haven.test")
        #expect(object["haven.request.id"] == "r-1")
        #expect(object["haven.job.id"] == "j-9")
    }

    @Test func secretsPrintAsStarsInBothFormats() {
        let collector = LineCollector()
        for format in [LogSink.Format.text, .json] {
            Logger(label: "t", sink: collector.sink(.debug, format)).info("token issued", [.token: "hvn_secret"])
        }
        #expect(collector.all.count == 2)
        for line in collector.all {
            #expect(!line.contains("hvn_secret"))
            #expect(line.contains("***"))
        }
    }

    @Test func linesBelowTheLevelAreDropped() {
        let collector = LineCollector()
        let logger = Logger(label: "t", sink: collector.sink(.warning, .text))
        logger.debug("quiet")
        logger.info("quiet")
        logger.warning("loud")
        logger.error("louder")
        #expect(collector.all.count == 2)
    }

    @Test func textValuesWithSpacesAreQuoted() throws {
        let collector = LineCollector()
        Logger(label: "t", sink: collector.sink(.info, .text)).info("request denied", [.reason: "no role here"])
        let line = try #require(collector.all.first)
        #expect(line.contains("haven.reason=\"no role here\""))
        #expect(line.contains(" request denied "))
    }

    @Test func levelNamesParseAndOthersDoNot() {
        #expect(LogLevel(name: "DEBUG") == .debug)
        #expect(LogLevel(name: "warning") == .warning)
        #expect(LogLevel(name: "loud") == nil)
    }
}
