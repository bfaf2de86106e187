import { describe, expect, it } from 'vitest';
import {
  detectLanguage,
  isLanguageDetectorLoaded,
  loadLanguageDetector,
  SUPPORTED_LANGS,
} from '../../src/text/lang.js';

const SAMPLES: Record<string, string> = {
  en: 'The city council voted on Tuesday to close the old bridge after engineers found deep cracks in its supports.',
  de: 'Der Stadtrat hat am Dienstag beschlossen, die alte Brücke zu sperren, nachdem Ingenieure tiefe Risse gefunden hatten.',
  es: 'El ayuntamiento votó el martes el cierre del viejo puente después de que los ingenieros hallaran grietas profundas.',
  fr: 'Le conseil municipal a voté mardi la fermeture du vieux pont après que des ingénieurs ont découvert de profondes fissures.',
  it: 'Il consiglio comunale ha votato martedì la chiusura del vecchio ponte dopo che gli ingegneri hanno trovato crepe profonde.',
  pt: 'A câmara municipal votou na terça-feira o encerramento da velha ponte depois de os engenheiros encontrarem fissuras.',
  nl: 'De gemeenteraad heeft dinsdag besloten de oude brug te sluiten nadat ingenieurs diepe scheuren hadden gevonden.',
  pl: 'Rada miasta zagłosowała we wtorek za zamknięciem starego mostu, po tym jak inżynierowie znaleźli głębokie pęknięcia.',
  tr: 'Belediye meclisi salı günü, mühendislerin derin çatlaklar bulmasının ardından eski köprünün kapatılmasına karar verdi.',
  ar: 'صوت مجلس المدينة يوم الثلاثاء على إغلاق الجسر القديم بعد أن اكتشف المهندسون تشققات عميقة في دعائمه.',
  ru: 'Городской совет во вторник проголосовал за закрытие старого моста после того, как инженеры обнаружили глубокие трещины.',
  zh: '市议会周二投票决定关闭这座旧桥，此前工程师在桥墩上发现了很深的裂缝。',
  ja: '市議会は火曜日、技術者が橋脚に深い亀裂を見つけたことを受け、古い橋の閉鎖を決めた。',
  ko: '시의회는 화요일 기술자들이 교각에서 깊은 균열을 발견한 뒤 낡은 다리를 폐쇄하기로 의결했다.',
};

describe('detectLanguage', () => {
  it('exports the supported languages', () => {
    expect([...SUPPORTED_LANGS].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it('returns und with confidence 0 for text with fewer than 3 letters', () => {
    expect(detectLanguage('')).toEqual({ lang: 'und', confidence: 0 });
    expect(detectLanguage('12:45 — !! ab')).toEqual({ lang: 'und', confidence: 0 });
    expect(detectLanguage('😀😀😀')).toEqual({ lang: 'und', confidence: 0 });
  });

  it('decides by script before the detector is loaded', () => {
    // This file loads the detector only in a later test, so the fallback is exercised here.
    expect(isLanguageDetectorLoaded()).toBe(false);
    expect(detectLanguage(SAMPLES.zh).lang).toBe('zh');
    expect(detectLanguage(SAMPLES.ja).lang).toBe('ja');
    expect(detectLanguage(SAMPLES.ko).lang).toBe('ko');
    expect(detectLanguage(SAMPLES.ar).lang).toBe('ar');
    expect(detectLanguage(SAMPLES.ru).lang).toBe('ru');
    expect(detectLanguage('Η κυβέρνηση ανακοίνωσε νέα μέτρα για τη στέγαση.').lang).toBe('el');
    expect(detectLanguage('הממשלה הודיעה על צעדים חדשים בתחום הדיור.').lang).toBe('he');
    expect(detectLanguage('รัฐบาลประกาศมาตรการใหม่ด้านที่อยู่อาศัย').lang).toBe('th');
    expect(detectLanguage('მთავრობამ ახალი ზომები გამოაცხადა.').lang).toBe('ka');
  });

  it('guesses Latin-script languages from stop words, with low confidence, before loading', () => {
    for (const lang of ['en', 'de', 'es', 'fr', 'it', 'nl']) {
      const g = detectLanguage(SAMPLES[lang]);
      expect(g.lang, lang).toBe(lang);
      expect(g.confidence).toBeLessThanOrEqual(0.6);
    }
  });

  it('identifies all supported languages once the detector is loaded', async () => {
    await loadLanguageDetector();
    await loadLanguageDetector(); // idempotent
    expect(isLanguageDetectorLoaded()).toBe(true);
    for (const [lang, text] of Object.entries(SAMPLES)) {
      const g = detectLanguage(text);
      expect(g.lang, text).toBe(lang);
      expect(g.confidence).toBeGreaterThan(0.5);
      expect(g.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('lets the detector refine Cyrillic and Arabic script but keeps CJK by script', async () => {
    await loadLanguageDetector();
    expect(
      detectLanguage('Міська рада у вівторок проголосувала за закриття старого мосту через тріщини.').lang,
    ).toBe('uk');
    expect(
      detectLanguage('شورای شهر روز سه‌شنبه به بستن پل قدیمی رأی داد زیرا مهندسان ترک‌های عمیقی یافتند.').lang,
    ).toBe('fa');
    expect(detectLanguage('東京都庁').lang).toBe('zh');
    expect(detectLanguage('東京のニュース').lang).toBe('ja');
  });

  it('only examines the start of long texts and copes with hostile input', async () => {
    await loadLanguageDetector();
    expect(detectLanguage(`${SAMPLES.de} ${'x'.repeat(200_000)}`).lang).toBe('de');
    expect(detectLanguage(`${'😀'.repeat(999)}${SAMPLES.en}`).lang).toBe('und');
    expect(detectLanguage('\u0001\u0002\u200B'.repeat(10_000)).lang).toBe('und');
    expect(detectLanguage(42 as unknown as string)).toEqual({ lang: 'und', confidence: 0 });
  });
});
