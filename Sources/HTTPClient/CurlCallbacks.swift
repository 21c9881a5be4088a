internal import CCurl
import Foundation

/// The C callbacks curl calls during a transfer; each receives the ``TransferState`` as an unretained pointer.
enum CurlCallbacks {
    static let write: curl_write_callback = { buffer, size, count, context in
        let length = size * count
        guard let context, let buffer else { return length }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()

        // Returning anything other than `length` makes curl stop with CURLE_WRITE_ERROR.
        let stored = state.receiveBody(UnsafeRawBufferPointer(start: buffer, count: length))
        return stored ? length : 0
    }

    static let header: curl_write_callback = { buffer, size, count, context in
        let length = size * count
        guard let context, let buffer else { return length }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        let bytes = UnsafeRawBufferPointer(start: buffer, count: length)
        state.receiveHeaderLine(String(decoding: bytes, as: UTF8.self))
        return length
    }

    static let read: curl_read_callback = { buffer, size, count, context in
        guard let context, let buffer else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        let target = UnsafeMutableRawBufferPointer(start: buffer, count: size * count)
        return state.sendBody(into: target) ?? Int(CURL_READFUNC_ABORT)
    }

    static let progress: curl_xferinfo_callback = { context, downloadTotal, downloaded, uploadTotal, uploaded in
        guard let context else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        state.progress?(
            HTTPTransferProgress(sent: Int64(uploaded), sendTotal: Int64(uploadTotal), received: Int64(downloaded)))

        // A non-zero return aborts the transfer with CURLE_ABORTED_BY_CALLBACK.
        return state.cancellation.isCancelled ? 1 : 0
    }
}
