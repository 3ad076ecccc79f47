/**
 * The timer's end sound: two soft sine tones that fade out, made with Web Audio (no sound
 * file to ship or license). Browsers let a page play sound only after the person interacted
 * with it, so the context is created when she turns the sound on (`prepareChime`, from that
 * click) and reused when the timer ends.
 */
let context: AudioContext | null = null;

export function prepareChime(): void {
  if (typeof window === 'undefined' || typeof window.AudioContext !== 'function') return;
  context ??= new window.AudioContext();
  void context.resume();
}

export function playChime(): void {
  if (!context) prepareChime();
  const audio = context;
  if (!audio) return;
  const start = audio.currentTime + 0.05;
  // A rising fifth, C6 then G6: clear without being an alarm.
  for (const [i, frequency] of [1046.5, 1568].entries()) {
    const at = start + i * 0.35;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.18, at + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 1.4);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(at);
    oscillator.stop(at + 1.5);
  }
}
