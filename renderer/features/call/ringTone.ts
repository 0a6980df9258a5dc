import type { RingMode } from '../../../shared/telephony/ringing';

/**
 * The ring heard through the speakers: a WAV built here (no asset to ship or to fail loading),
 * played in a loop by an <audio> element while a call rings.
 */

const SAMPLE_RATE = 8000;
/** One cycle: two short bursts, then silence (3 s in all). */
const CYCLE: Array<{ tone: boolean; ms: number }> = [
  { tone: true, ms: 400 },
  { tone: false, ms: 200 },
  { tone: true, ms: 400 },
  { tone: false, ms: 2000 },
];
const FREQUENCIES = [440, 480];
/** Fade at each burst's edges, so it does not click. */
const FADE_MS = 10;

/** A mono 16-bit PCM WAV file of one ring cycle. */
export function ringToneWav(): Uint8Array {
  const samples: number[] = [];
  for (const part of CYCLE) {
    const count = Math.round((part.ms / 1000) * SAMPLE_RATE);
    const fade = Math.round((FADE_MS / 1000) * SAMPLE_RATE);
    for (let i = 0; i < count; i++) {
      if (!part.tone) {
        samples.push(0);
        continue;
      }
      const t = i / SAMPLE_RATE;
      const envelope = Math.min(1, i / fade, (count - 1 - i) / fade);
      const value =
        FREQUENCIES.reduce((sum, f) => sum + Math.sin(2 * Math.PI * f * t), 0) / FREQUENCIES.length;
      samples.push(Math.round(value * envelope * 0.6 * 32767));
    }
  }
  const dataBytes = samples.length * 2;
  const buffer = new ArrayBuffer(44 + dataBytes);
  const view = new DataView(buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // PCM chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, SAMPLE_RATE, true);
  view.setUint32(28, SAMPLE_RATE * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  samples.forEach((sample, i) => view.setInt16(44 + i * 2, sample, true));
  return new Uint8Array(buffer);
}

/** The part of an <audio> element the ringer uses (a fake in tests). */
export interface RingAudio {
  volume: number;
  readonly paused: boolean;
  currentTime: number;
  play(): Promise<void> | void;
  pause(): void;
}

export const RING_VOLUME: Record<Exclude<RingMode, 'off'>, number> = { ring: 1, waiting: 0.3 };

/** Plays or stops the ring as the calls change. The audio element is made on the first ring. */
export class Ringer {
  private audio: RingAudio | null = null;
  private mode: RingMode = 'off';

  constructor(private readonly createAudio: () => RingAudio | null = createRingAudio) {}

  get current(): RingMode {
    return this.mode;
  }

  /** Makes the audio element ahead of the first call (the composition root, after start-up). */
  prepare(): void {
    this.audio ??= this.createAudio();
  }

  update(mode: RingMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    if (mode === 'off') {
      if (this.audio) {
        this.audio.pause();
        this.audio.currentTime = 0;
      }
      return;
    }
    this.audio ??= this.createAudio();
    if (!this.audio) return;
    this.audio.volume = RING_VOLUME[mode];
    if (this.audio.paused) {
      try {
        // A browser may refuse to play before any user gesture: the pop-up still shows.
        void Promise.resolve(this.audio.play()).catch(() => undefined);
      } catch {
        // Same, for a play() that throws instead of rejecting.
      }
    }
  }
}

/** A hidden, looping <audio> element in the page, with the ring as a blob: URL (allowed by the CSP). */
export function createRingAudio(): RingAudio | null {
  if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') return null;
  const wav = ringToneWav();
  const url = URL.createObjectURL(new Blob([wav.buffer as ArrayBuffer], { type: 'audio/wav' }));
  const audio = document.createElement('audio');
  audio.src = url;
  audio.loop = true;
  audio.preload = 'auto';
  audio.hidden = true;
  audio.setAttribute('aria-hidden', 'true');
  audio.dataset.companionRing = '';
  document.body.appendChild(audio);
  return audio;
}
