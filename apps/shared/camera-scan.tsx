import { useEffect, useRef, useState } from 'preact/hooks';

/** The part of the Barcode Detection API this uses (not yet in TypeScript's DOM types). */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>;
}
type BarcodeDetectorClass = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorClass | null {
  const candidate = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  return candidate && typeof navigator.mediaDevices?.getUserMedia === 'function' ? candidate : null;
}

/** Whether this browser can scan with the camera (BarcodeDetector, on a secure origin). */
export const cameraScanSupported = (): boolean => detectorClass() !== null;

const FORMATS = ['qr_code', 'ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128', 'code_39'];

/**
 * A "Scan with camera" button that opens the back camera and reports the first code it reads.
 * Shown only where the browser has BarcodeDetector; elsewhere a handheld scanner or typing does it.
 */
export function CameraScanButton({
  onScan,
  label = 'Scan with camera',
}: {
  onScan: (text: string) => void;
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  if (!cameraScanSupported()) return null;
  return (
    <>
      <button type="button" class="secondary" onClick={() => setOpen(true)}>
        {label}
      </button>
      {open && (
        <CameraDialog
          onClose={() => setOpen(false)}
          onScan={(text) => {
            setOpen(false);
            onScan(text);
          }}
        />
      )}
    </>
  );
}

function CameraDialog({ onScan, onClose }: { onScan: (text: string) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    const detector = new Detector({ formats: FORMATS });
    const look = async () => {
      if (stopped || !video.current) return;
      try {
        const [found] = await detector.detect(video.current);
        if (found?.rawValue) return onScan(found.rawValue);
      } catch {
        // A frame that cannot be read yet (camera warming up): try the next one.
      }
      timer = window.setTimeout(look, 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (media) => {
        stream = media;
        if (stopped || !video.current) return;
        video.current.srcObject = media;
        await video.current.play();
        look();
      })
      .catch(() => setProblem('The camera is not available. Use the scanner or type the code.'));
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <div class="dialog-backdrop" role="dialog" aria-modal="true" aria-label="Camera scanner">
      <div class="dialog">
        {problem ? <p role="alert">{problem}</p> : <video ref={video} class="camera" muted playsInline />}
        <button type="button" onClick={onClose}>
          Close camera
        </button>
      </div>
    </div>
  );
}
