;;; eglot-test.el --- newsls through Emacs's eglot, in batch mode  -*- lexical-binding: t; -*-

;;; Commentary:
;; Tests the Emacs setup of editors/README.md with the real client: eglot connects to
;; `newsls lsp' for seed article 003 in text-mode, and the test checks diagnostics through
;; Flymake (the unattributed quote on tests/fixtures/unattributed.txt, copied into the corpus:
;; seed 003 has none), a hover, a definition through xref, the timeline workspace symbols, and
;; a clean shutdown.  Run:
;;   emacs --batch -Q -l editors/emacs/test/eglot-test.el NEWSLS_BINARY REPOSITORY
;; Prints one line per check and "N passed, M failed"; exits 1 if any check failed.

;;; Code:

;; Debian's elpa-eglot lives outside the load path of `emacs -Q'.
(let ((default-directory "/usr/share/emacs/site-lisp/elpa/"))
  (when (file-directory-p default-directory)
    (normal-top-level-add-subdirs-to-load-path)))
(require 'cl-lib)
(require 'eglot)
(require 'xref)
(require 'flymake)

(defvar newsls-test-server (expand-file-name (or (nth 0 command-line-args-left) (error "Usage: NEWSLS_BINARY REPOSITORY"))))
(defvar newsls-test-repository (expand-file-name (or (nth 1 command-line-args-left) (error "Usage: NEWSLS_BINARY REPOSITORY"))))
(setq command-line-args-left nil)
(defconst newsls-test-seed "003_c60e1d219ac2aa0a.txt")
(defconst newsls-test-unattributed "unattributed.txt"
  "An article whose one quotation has no speaker (tests/fixtures/unattributed.txt), in the corpus.")
(defconst newsls-test-unattributed-quote "We will not stop until every family")
(defconst newsls-test-timeout 20 "Seconds to wait for the server.")
(defvar newsls-test-passed 0)
(defvar newsls-test-failed 0)
(defvar newsls-test-server-object nil "The eglot server, once connected.")

(defun newsls-test-check (name body)
  "Run BODY, a function, as the check NAME; an error fails it and the run goes on."
  (condition-case err
      (progn
        (funcall body)
        (cl-incf newsls-test-passed)
        (princ (format "ok - %s\n" name)))
    (error
     (cl-incf newsls-test-failed)
     (princ (format "not ok - %s\n    %s\n" name (error-message-string err))))))

(defun newsls-test-wait (predicate)
  "Process server output until PREDICATE returns non-nil, or the timeout; return its value."
  (let ((deadline (+ (float-time) newsls-test-timeout))
        result)
    (while (and (not (setq result (funcall predicate)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05))
    result))

(defun newsls-test-require-server ()
  "Fail at once when eglot never connected, instead of waiting out every timeout."
  (unless (and newsls-test-server-object (jsonrpc-running-p newsls-test-server-object))
    (error "The newsls server is not running (see the first check)")))

(defun newsls-test-goto (needle &optional offset)
  "Put point OFFSET characters into the first NEEDLE of the buffer."
  (goto-char (point-min))
  (unless (search-forward needle nil t)
    (error "%S not found" needle))
  (goto-char (+ (match-beginning 0) (or offset 0))))

;; A private copy of the seeds, so nothing the server writes lands in the repository.
(defvar newsls-test-workspace (file-name-as-directory (make-temp-file "newsls-eglot-" t)))
(dolist (file (directory-files (expand-file-name "seeds" newsls-test-repository) t "\\.txt\\'"))
  (copy-file file newsls-test-workspace))
(copy-file (expand-file-name "tests/fixtures/unattributed.txt" newsls-test-repository)
           (expand-file-name newsls-test-unattributed newsls-test-workspace))
(with-temp-file (expand-file-name "newsls.toml" newsls-test-workspace)
  (insert "# newsls settings for the test corpus\n"))
(defvar newsls-test-seed-path (expand-file-name newsls-test-seed newsls-test-workspace))

;; The setup of editors/README.md, with the binary under test.
(add-to-list 'eglot-server-programs
             `(((text-mode :language-id "plaintext") (markdown-mode :language-id "markdown"))
               . (,newsls-test-server "lsp")))
(setq eglot-sync-connect newsls-test-timeout)

(find-file newsls-test-seed-path)
(defvar newsls-test-buffer (current-buffer))

(newsls-test-check
 "eglot connects newsls to the seed article (text-mode, language id plaintext)"
 (lambda ()
   (cl-assert (derived-mode-p 'text-mode) nil "major mode is %s" major-mode)
   (apply #'eglot (eglot--guess-contact))
   (setq newsls-test-server-object
         (newsls-test-wait (lambda () (with-current-buffer newsls-test-buffer (eglot-current-server)))))
   (cl-assert newsls-test-server-object nil "no eglot server for the buffer")
   (cl-assert (equal (eglot--language-id newsls-test-server-object) "plaintext") nil
              "language id %S" (eglot--language-id newsls-test-server-object))
   (cl-assert (eglot--server-capable :hoverProvider) nil "no hoverProvider")))

(defun newsls-test-diagnostic-matching (predicate &optional buffer)
  "Wait for a Flymake diagnostic of BUFFER (the seed's by default) that PREDICATE accepts.
Return it."
  (newsls-test-require-server)
  (with-current-buffer (or buffer newsls-test-buffer)
    (or (newsls-test-wait
         (lambda ()
           ;; Flymake asks eglot's backend for the diagnostics it received.
           (flymake-start)
           (cl-find-if predicate (flymake-diagnostics))))
        (error "Not found; diagnostics: %S"
               (mapcar (lambda (diagnostic)
                         (buffer-substring-no-properties (flymake-diagnostic-beg diagnostic)
                                                         (flymake-diagnostic-end diagnostic)))
                       (flymake-diagnostics))))))

(defun newsls-test-diagnostic-text (diagnostic)
  "The buffer text DIAGNOSTIC covers."
  (buffer-substring-no-properties (flymake-diagnostic-beg diagnostic) (flymake-diagnostic-end diagnostic)))

(newsls-test-check
 "diagnostics: \"Register for FREE\" is a boilerplate note in Flymake"
 (lambda ()
   (let ((diagnostic (newsls-test-diagnostic-matching
                      (lambda (diagnostic)
                        (equal (newsls-test-diagnostic-text diagnostic) "Register for FREE")))))
     (cl-assert (eq (flymake-diagnostic-type diagnostic) 'eglot-note) nil
                "type %s" (flymake-diagnostic-type diagnostic))
     (cl-assert (string-match-p "boilerplate" (flymake-diagnostic-text diagnostic)) nil
                "text %S" (flymake-diagnostic-text diagnostic)))))

(newsls-test-check
 (format "diagnostics: the quote of %s with no speaker is an unattributed-quote warning"
         newsls-test-unattributed)
 (lambda ()
   (newsls-test-require-server)
   (let ((buffer (find-file-noselect (expand-file-name newsls-test-unattributed newsls-test-workspace))))
     ;; eglot manages the project's other text-mode buffers as it opens them.
     (cl-assert (eq (newsls-test-wait (lambda () (with-current-buffer buffer (eglot-current-server))))
                    newsls-test-server-object)
                nil "eglot does not manage %s with the seed's server" newsls-test-unattributed)
     (let ((diagnostic (newsls-test-diagnostic-matching
                        (lambda (diagnostic)
                          (and (string-match-p (regexp-quote newsls-test-unattributed-quote)
                                               (newsls-test-diagnostic-text diagnostic))
                               (string-match-p "unattributed-quote\\|speaker\\|attribut"
                                               (flymake-diagnostic-text diagnostic))))
                        buffer)))
       (cl-assert (eq (flymake-diagnostic-type diagnostic) 'eglot-warning) nil
                  "type %s" (flymake-diagnostic-type diagnostic))))))

(defun newsls-test-hover-text ()
  "The hover at point, as eglot requests it, flattened to a string."
  (newsls-test-require-server)
  (let* ((hover (jsonrpc-request newsls-test-server-object :textDocument/hover
                                 (eglot--TextDocumentPositionParams)))
         (contents (plist-get hover :contents)))
    (mapconcat (lambda (part) (if (stringp part) part (or (plist-get part :value) "")))
               (if (vectorp contents) (append contents nil) (list contents))
               "\n")))

(newsls-test-check
 "hover: \"Sunday\" shows 2021-12-12"
 (lambda ()
   (with-current-buffer newsls-test-buffer
     (newsls-test-goto "Sunday said" 2)
     (let ((text (newsls-test-wait (lambda ()
                                     (let ((text (newsls-test-hover-text)))
                                       (and (string-match-p "2021-12-12" text) text))))))
       (cl-assert text nil "hover: %S" (newsls-test-hover-text))))))

(newsls-test-check
 "definition: xref jumps from a later \"Blinken\" to the first \"Antony Blinken\" of the article"
 (lambda ()
   (newsls-test-require-server)
   (set-buffer newsls-test-buffer)
   (switch-to-buffer newsls-test-buffer)
   (newsls-test-goto "added Blinken" (+ (length "added ") 1))
   (let ((before (point)))
     (call-interactively #'xref-find-definitions)
     (cl-assert (/= (point) before) nil "point did not move")
     (cl-assert (eq (current-buffer) newsls-test-buffer) nil "jumped to %s" (current-buffer))
     (cl-assert (looking-at-p "Antony Blinken") nil "point is at %S"
                (buffer-substring-no-properties (point) (min (point-max) (+ (point) 30))))
     (let ((jumped (point)))
       (newsls-test-goto "Antony Blinken on Sunday")
       (cl-assert (< jumped (point)) nil "jumped past the first full mention in the text")))))

(newsls-test-check
 "timeline: workspace/symbol lists 2021-12-12 of seed 003 in the timeline container"
 (lambda ()
   (newsls-test-require-server)
   (let* ((uri (eglot--path-to-uri newsls-test-seed-path))
          (event (newsls-test-wait
                  (lambda ()
                    (cl-find-if (lambda (symbol)
                                  (and (equal (plist-get symbol :containerName) "timeline")
                                       (string-prefix-p "2021-12-12" (plist-get symbol :name))
                                       (equal (plist-get (plist-get symbol :location) :uri) uri)))
                                (jsonrpc-request newsls-test-server-object :workspace/symbol '(:query "")))))))
     (cl-assert event nil "no 2021-12-12 event of %s" newsls-test-seed))))

;; `eglot-shutdown' deletes the process right after sending `exit' (jsonrpc-shutdown), so the
;; check sends shutdown and exit itself, on eglot's connection, and waits for the server to exit.
(newsls-test-check
 "shutdown: the server answers shutdown, and exits with status 0 on exit"
 (lambda ()
   (newsls-test-require-server)
   (let ((process (jsonrpc--process newsls-test-server-object)))
     (jsonrpc-request newsls-test-server-object :shutdown nil)
     (jsonrpc-notify newsls-test-server-object :exit nil)
     (cl-assert (newsls-test-wait (lambda () (not (process-live-p process)))) nil "the server is still running")
     (cl-assert (eql (process-exit-status process) 0) nil "exit status %s" (process-exit-status process))
     (ignore-errors (eglot-shutdown newsls-test-server-object)))))

(delete-directory newsls-test-workspace t)
(princ (format "%d passed, %d failed\n" newsls-test-passed newsls-test-failed))
(kill-emacs (if (> newsls-test-failed 0) 1 0))

;;; eglot-test.el ends here
