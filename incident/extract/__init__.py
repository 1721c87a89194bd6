"""`incident extract`: candidate claims drafted from a text (an article, a postmortem, a saved web
page), each with the sentence it comes from, the words as written and every guess named."""
