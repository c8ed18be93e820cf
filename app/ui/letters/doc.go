// Package letters is how the window prints: a step's letter, the formal
// notice (with its deadline asked first), an account statement, a penalty
// statement, the court file. Each PDF is archived in the data folder,
// recorded (the step done, or a "printed" event on the timeline) and
// opened in the system's viewer. It refuses a letter to a contact a call
// said has left until the owner confirms, warns of characters the font
// lacks, and holds the registered letter's tracking form. Screens print
// through a Printer; it imports no screen.
package letters
