"""The words of Hindi and Tamil time expressions and of what happened at them, merged into further's
tables as those are merged into europe's: "31 मार्च से", "शुक्रवार को", "रात 8 बजे", "இன்று (மார்ச் 31)",
"இரவு 7:30 மணிக்கு". Indian papers write their figures in Western digits, the month names as the English
ones sound; the part of the day comes before the clock ("रात 8 बजे": at 8 at night), and an hour mark
after it, as "Uhr" ("बजे", "மணிக்கு").

Hindi "कल" is both yesterday and tomorrow, so it names no day here."""

from __future__ import annotations

MONTHS = {
    **dict.fromkeys(("जनवरी", "ஜனவரி"), 1), **dict.fromkeys(("फरवरी", "फ\u093cरवरी", "\u095eरवरी", "பிப்ரவரி"), 2),
    **dict.fromkeys(("मार्च", "மார்ச்"), 3), **dict.fromkeys(("अप्रैल", "ஏப்ரல்"), 4), **dict.fromkeys(("मई", "மே"), 5),
    **dict.fromkeys(("जून", "ஜூன்"), 6), **dict.fromkeys(("जुलाई", "ஜூலை"), 7), **dict.fromkeys(("अगस्त", "ஆகஸ்ட்"), 8),
    **dict.fromkeys(("सितंबर", "सितम्बर", "செப்டம்பர்"), 9), **dict.fromkeys(("अक्टूबर", "अक्तूबर", "அக்டோபர்"), 10),
    **dict.fromkeys(("नवंबर", "नवम्बर", "நவம்பர்"), 11), **dict.fromkeys(("दिसंबर", "दिसम्बर", "டிசம்பர்"), 12),
}
WEEKDAYS = {
    **dict.fromkeys(("सोमवार", "திங்கள்", "திங்கட்கிழமை", "திங்கள்கிழமை"), 0),
    **dict.fromkeys(("मंगलवार", "செவ்வாய்க்கிழமை"), 1),  # not "செவ்வாய" alone: the planet Mars
    **dict.fromkeys(("बुधवार", "புதன்கிழமை"), 2),
    **dict.fromkeys(("गुरुवार", "बृहस्पतिवार", "வியாழக்கிழமை", "வியாழன்"), 3),
    **dict.fromkeys(("शुक्रवार", "வெள்ளிக்கிழமை"), 4),  # not "வெள்ளி" alone: silver
    **dict.fromkeys(("शनिवार", "சனிக்கிழமை"), 5),
    **dict.fromkeys(("रविवार", "ஞாயிற்றுக்கிழமை", "ஞாயிறு"), 6),
}
RELATIVE_DAYS = {"आज": 0, "இன்று": 0, "நேற்று": -1, "நாளை": 1}
# the parts of the day written before a clock: "सुबह 10 बजे", "இரவு 7:30 மணிக்கு"; night as "at night" (2 at night is a.m.)
PARTS_BEFORE_CLOCK = {"सुबह": "am", "दोपहर": "pm", "शाम": "pm", "रात": "night", "காலை": "am", "அதிகாலை": "am",
                      "மதியம்": "pm", "மாலை": "pm", "இரவு": "night"}
# the marks after an hour that make it a clock, as "Uhr" ("8 बजे", "7:30 மணிக்கு", "10 மணியளவில்")
HOUR_MARKS = {"बजे", "மணிக்கு", "மணி", "மணியளவில்"}

FAILURE = ("क्रैश", "ठप", "डाउन", "काम नहीं कर", "बाधित", "दिक्कत", "परेशानी", "समस्या",
           "முடங்கியது", "முடங்கிய", "முடக்கம்", "செயலிழந்த", "கிராஷ்", "பாதிப்பு", "பிரச்சனை")
RECOVERY = ("बहाल", "ठीक हो", "सामान्य हो", "சீரானது", "சரிசெய்யப்பட்ட", "மீண்டும் செயல்பட")
STARTS = ("शुरू", "தொடங்கிய", "தொடங்கும்", "தொடங்கியது")
