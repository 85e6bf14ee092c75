import { render } from 'preact';
import { useState } from 'preact/hooks';
import { ADJUSTMENT_REASONS } from '../../../libs/contracts/src';
function App() {
  const [n, setN] = useState(0);
  return (
    <button onClick={() => setN(n + 1)}>
      {n} {ADJUSTMENT_REASONS.join()}
    </button>
  );
}
render(<App />, document.getElementById('app')!);
