let audio: AudioContext | null = null;

/**
 * A short two-note chime for a new order. Browsers allow sound only after the person has touched
 * the page (signing in counts), so `unlockChime` is called from that tap.
 */
export function unlockChime(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    audio = null;
  }
}

export function playChime(): void {
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  [880, 1175].forEach((frequency, i) => {
    const oscillator = audio!.createOscillator();
    const gain = audio!.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + i * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.18 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.18 + 0.35);
    oscillator.connect(gain).connect(audio!.destination);
    oscillator.start(start + i * 0.18);
    oscillator.stop(start + i * 0.18 + 0.4);
  });
}
