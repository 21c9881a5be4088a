import Testing

@testable import HavenCore

@Suite struct ObjectPathTests {
    @Test(arguments: ["images/ct.nii.gz", "a", "jobs/123/mask_v2.nii.gz"])
    func validPathsPass(path: String) {
        #expect(ObjectPath.problem(in: path) == nil)
    }

    @Test(arguments: ["", "/etc/passwd", "../x", "a/../b", "a//b", "a/./b", "a b", "a/ü", ".incoming/x", "a/.hidden"])
    func invalidPathsAreNamed(path: String) throws {
        let problem = try #require(ObjectPath.problem(in: path))
        #expect(problem.contains("object path"))
    }

    @Test func insideNeedsTheSeparator() {
        #expect(ObjectPath.isInside("jobs/1/a", prefix: "jobs/1"))
        #expect(!ObjectPath.isInside("jobs/10/a", prefix: "jobs/1"))
        #expect(!ObjectPath.isInside("jobs/1/", prefix: "jobs/1"))
    }
}
