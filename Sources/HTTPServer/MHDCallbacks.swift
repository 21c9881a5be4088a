internal import CMicroHTTPD
import Foundation

/// The C callbacks libmicrohttpd calls on its own threads; they hand over to ``ServerCore``.
///
/// The daemon's context pointer is an unretained ``ServerCore`` kept alive by ``MHDDaemon``. Each
/// request's context slot holds a retained ``RequestContext`` from its first access call until
/// the completed callback releases it.
enum MHDCallbacks {
    static let access: MHD_AccessHandlerCallback = {
        daemonContext, connection, url, method, _, uploadData, uploadSize, slot in
        guard let daemonContext, let connection, let url, let method, let uploadSize, let slot else { return .NO }
        let core = Unmanaged<ServerCore>.fromOpaque(daemonContext).takeUnretainedValue()
        let mhd = MHDConnection(pointer: connection)

        // First call: only the headers have arrived.
        guard let existing = slot.pointee else {
            let context = core.begin(method: String(cString: method), path: String(cString: url), connection: mhd)
            slot.pointee = Unmanaged.passRetained(context).toOpaque()
            return core.admit(context, connection: mhd) ? .YES : .NO
        }
        let context = Unmanaged<RequestContext>.fromOpaque(existing).takeUnretainedValue()

        // Middle calls: a piece of the body, which must be marked consumed.
        if uploadSize.pointee > 0 {
            let piece = UnsafeRawBufferPointer(start: uploadData, count: uploadSize.pointee)
            uploadSize.pointee = 0
            return core.receive(piece, context, connection: mhd) ? .YES : .NO
        }

        // Last call: the body is complete.
        return core.respond(context, connection: mhd) ? .YES : .NO
    }

    static let completed: MHD_RequestCompletedCallback = { daemonContext, _, slot, termination in
        guard let daemonContext, let slot, let existing = slot.pointee else { return }
        slot.pointee = nil
        let core = Unmanaged<ServerCore>.fromOpaque(daemonContext).takeUnretainedValue()
        let context = Unmanaged<RequestContext>.fromOpaque(existing).takeRetainedValue()
        core.finish(context, delivered: termination == .REQUEST_TERMINATED_COMPLETED_OK)
    }
}
