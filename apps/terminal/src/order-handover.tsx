import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_PICKUP_ATTEMPTS } from '@o2o/contracts';
import { CameraScanButton } from '../../shared/camera-scan';
import { countOf } from '../../shared/format';
import { parseScan } from '../../shared/scan-input';

/**
 * Handing a ready pickup to the customer: the pickup code typed or scanned (a scanned QR fills it in and
 * moves focus to the button), with the attempts left before the order locks.
 */
export function PickupHandover(props: {
  scannedCode: string | null;
  locked: boolean;
  attemptsLeft: number;
  busy: boolean;
  onCollect: (pickupCode: string) => void;
  onScanCode: (text: string) => void;
}) {
  const [code, setCode] = useState(props.scannedCode ?? '');
  const handover = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (props.scannedCode) {
      setCode(props.scannedCode);
      handover.current?.focus();
    }
  }, [props.scannedCode]);

  return (
    <form
      class="handover"
      onSubmit={(event) => {
        event.preventDefault();
        props.onCollect(code.trim());
      }}
    >
      <label>
        Customer's pickup code
        <input
          data-testid="pickup-code-input"
          inputMode="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          placeholder="Type or scan the code"
          disabled={props.locked}
          value={code}
          onInput={(e) => {
            // A handheld scanner types the whole QR text into the field: keep just the code.
            const scanned = parseScan(e.currentTarget.value);
            setCode(scanned.kind === 'pickup' ? scanned.pickupCode : e.currentTarget.value);
          }}
        />
      </label>
      <p
        data-testid="attempts-left"
        data-attempts-left={props.attemptsLeft}
        class={props.attemptsLeft < MAX_PICKUP_ATTEMPTS ? 'attempts warn-text' : 'attempts muted'}
      >
        {props.locked ? 'No attempts left' : `${countOf(props.attemptsLeft, 'attempt')} left`}
      </p>
      <div class="row">
        <button
          ref={handover}
          data-testid="order-collect"
          class="big"
          type="submit"
          disabled={props.busy || props.locked || !code.trim()}
        >
          Verify code and hand over
        </button>
        <CameraScanButton label="Scan pickup QR" onScan={props.onScanCode} />
      </div>
    </form>
  );
}

/** Handing a parcel to the carrier: who carries it and its tracking number. */
export function ShipHandover(props: {
  busy: boolean;
  onShip: (carrier: string, trackingNumber: string) => void;
}) {
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  return (
    <form
      class="ship-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onShip(carrier, tracking);
      }}
    >
      <div class="row">
        <label class="grow">
          Carrier
          <input required value={carrier} onInput={(e) => setCarrier(e.currentTarget.value)} />
        </label>
        <label class="grow">
          Tracking number
          <input required value={tracking} onInput={(e) => setTracking(e.currentTarget.value)} />
        </label>
      </div>
      <button class="big" type="submit" disabled={props.busy}>
        Mark shipped
      </button>
    </form>
  );
}
