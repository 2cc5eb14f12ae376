from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "cancellation_policy" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "is_default" INT NOT NULL,
    "current_version_id" INT,
    "version" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_cancellatio_agency__462770" UNIQUE ("agency_id", "name")
) /* A named policy of the agency; the default one applies to new bookings. */;
        CREATE TABLE IF NOT EXISTS "cancellation_policy_version" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" INT NOT NULL,
    "terms" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "created_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "policy_id" INT NOT NULL REFERENCES "cancellation_policy" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_cancellatio_policy__bdb666" UNIQUE ("policy_id", "version")
) /* One saved version of a policy: its tiers, payout tiers, calendar and grace. */;
        CREATE TABLE IF NOT EXISTS "late_reschedule" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "from_pickup_at" TIMESTAMP NOT NULL,
    "from_estimated_end_at" TIMESTAMP NOT NULL,
    "to_pickup_at" TIMESTAMP NOT NULL,
    "to_estimated_end_at" TIMESTAMP NOT NULL,
    "requested_at" TIMESTAMP NOT NULL,
    "rescheduled_at" TIMESTAMP NOT NULL,
    "policy_version_id" INT NOT NULL,
    "tier" INT,
    "billable" INT NOT NULL,
    "charge" VARCHAR(40) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "decision" JSON NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE RESTRICT,
    "mission_id" INT NOT NULL REFERENCES "mission" ("id") ON DELETE RESTRICT,
    "rescheduled_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT
) /* A mission's start moved inside its policy's notice: billed as a cancellation of the */;
CREATE INDEX IF NOT EXISTS "idx_late_resche_mission_9d75cb" ON "late_reschedule" ("mission_id");
        ALTER TABLE "customer" ADD "cancellation_policy_id" INT;
        ALTER TABLE "mission" ADD "policy_version_id" INT;
        ALTER TABLE "mission" ADD "no_show_grace_minutes" INT;
        ALTER TABLE "cancellation" ADD "policy_version_id" INT;
        ALTER TABLE "cancellation" ADD "tier" INT;
        ALTER TABLE "cancellation" ADD "notice_minutes" INT;
        ALTER TABLE "cancellation" ADD "business_notice_minutes" INT;
        ALTER TABLE "pending_review_item" ADD "rebooked_mission_id" INT;
        ALTER TABLE "pending_review_item" ADD "late_reschedule_id" INT;
        ALTER TABLE "pending_review_item" ADD "rebooked_credit" VARCHAR(40);
        ALTER TABLE "pending_review_item" ADD "rebooked_credit_confirmed_at" TIMESTAMP;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "customer" DROP COLUMN "cancellation_policy_id";
        ALTER TABLE "mission" DROP COLUMN "policy_version_id";
        ALTER TABLE "mission" DROP COLUMN "no_show_grace_minutes";
        ALTER TABLE "cancellation" DROP COLUMN "policy_version_id";
        ALTER TABLE "cancellation" DROP COLUMN "tier";
        ALTER TABLE "cancellation" DROP COLUMN "notice_minutes";
        ALTER TABLE "cancellation" DROP COLUMN "business_notice_minutes";
        ALTER TABLE "pending_review_item" DROP COLUMN "rebooked_mission_id";
        ALTER TABLE "pending_review_item" DROP COLUMN "late_reschedule_id";
        ALTER TABLE "pending_review_item" DROP COLUMN "rebooked_credit";
        ALTER TABLE "pending_review_item" DROP COLUMN "rebooked_credit_confirmed_at";
        DROP TABLE IF EXISTS "cancellation_policy_version";
        DROP TABLE IF EXISTS "late_reschedule";
        DROP TABLE IF EXISTS "cancellation_policy";"""


MODELS_STATE = (
    "eJztXWtz4jjW/isqvnR3FTPVIZfuZd7aKkLobnYIpAg9PbuTLa+DRfAGLMaXZNjd+e+vJN"
    "v4Jl8xxrjPlwRsHQHPkWSd5xyd89/Wmih4ZfzYe8LafNvqov+2NHmN6YvQnTZqyZuNd51d"
    "MOXHFW8qe20eDVOX5ya9upBXBqaXFGzMdXVjqkRjbXvIxJqsmV2kmgZS8EK2VvQF7Xy1Ra"
    "9LrGMko7llmGSNdUR0pOjqC31lYNpKI+ZS1Z5+ZB+lkDn9LPqu1F4tTf3dwpJJnrBJxWjf"
    "v/2TXlY1Bf+BDfft5llaqHilBABTFdYBvy6Z2w2/NtTMT7wh+8KP0pysrLXmNd5szSXRdq"
    "1VzWRXKZpYl03Mujd1i4GoWauVg7aLq/1NvSb2V/TJOCjQC0za/gLetZYkjScz6X4wk6RW"
    "RE2uhA9j59KcaEzF9Ksa/Nc/sa/wQ+fs4sPFx/Ori4+0Cf+auysf/rQ/2gPGFuTwjGetP/"
    "l92ZTtFhxjD1T+PwJrfynrYlzd9iFk6VcOI+vimASte8HD1hvVVYC7lv+QVlh7MpcM0ffv"
    "E6D8pTftf+lN39JW79hHEjoN7dk5dm517HsMbw9fU11j6T9EywVyQKg6pFtfZ/1WJVBfXW"
    "RA+uoiFmh2K4jz3NJ1d5HMCrNfpkKUB1+n1aB8ngHk81iMz8MQO99WmsvaHFMM2JeTXulP"
    "Ja/SWtUsExs5FuiMvaWv4GXp5ezi4n2tF/GoJihO6tpaS4/qakU/fw8tJPRUnQauTgV/VX"
    "sh6hwrgcErXnkGmrXm0A/pN2KtozuVuM4qXJKuR5P+zzkXJVuoi/i/B603Gk2+Sd+Gsy9S"
    "fzq4Gc6Y7KCLxNfDG8xMy1kny3rWiV/QOuEVTSOSsaTrzQILHs83eK6u5VXMNigoGVKVYo"
    "v+6HSRQW3OlrIuG6MEoG8G/eFtb/T2rNO2oTZ+X6km9uvgIrILwi9YMyUD/x6F+Vp9il2d"
    "AmLVrUMHXob+0umcn3/ovD+/+nh58eHD5cf3u/UoeitpYboefmZrU2C4xy5WYvTj7aegVG"
    "PAL+0ZMNcx++WSbAqWDnqH7eFjtp0ByfDS4Yj+6L44RbOK/kBloq22zsKWgOtseDu4n/Vu"
    "79jHrQ26lnD8erMBu9PhV7ehq2+vQkv8rhPEHjOIvUX/mIz5Q2ZDDPNJ55/otZv9o8W+k2"
    "yZRNLoKi4rPrPeveqi9icjJBbPPuuZXXiU58+vsq5IgTve8LAMrAs2YteO2Kefpzj2Se8w"
    "Q19pFyeo/T/d8e5e9UaB31yzqaI9Ieo73TQVJptF2xOkG95JUyGSDUN90taYyewFU2/XUV"
    "OhWqv0J9IW++F0a/fSVJCIruw94yasj6YCRJ9KqohjyAPQ/a6PJiLkN+T3fcCFOIEmwrWR"
    "t8Tad/X2A3XHO2wqXHRzbZQ6rqa8w6bC5Riye+I1tHtpKkg6flHxq6SaeL0nUHdYU+jXmf"
    "IOh7S/pkIW8FtsyEqd7/1UDKxhrMft9wPeVmKGTrkPTBvDX+x+mwol/alY0ukHLLFirfYd"
    "giPa23TXWVMx47zynkgNXhpsKaoKXm+IyZzjdGzNqU207/PT63DK+2sScowPJB0SxxAGb/"
    "kfuit5K61l/Tke24mGZ4T+SUeYtdjeOp2dpLdJDOy6sw4Bu5Y1+Yl/S9YdE/YTpoIQO5dI"
    "TQiw22wky22VGmJ3T9aYaBi9LglinJGBVK2LZA3JylrV2ohsGPhEbyMdb4huYvqK6Eh2gu"
    "Le8Li5aIxded1CkB0E2dVmdlcQZKeTVQy+6eEXrmydsW71bm6H4y7i/x60yd1g2ptNpl3k"
    "vnrQbqbDXwb0iv3/QZsO7ibTGbvivioScnF2lUFZZ2F/nKcrdiuoKrqw0sVK8MAjVA+yJp"
    "4PnlBIS49U6lBqchegasMrrieTUcAXej0MefjHX2+vBxT1UPAFeKi/Xw91YILxswJSrud4"
    "QKa6UI/aP9HDjth8qAZkCqFas316GaBGginCIzcK8CeiY7od/hlvI0/yGE/urqMTG7Vxhh"
    "C9rMuvu916cL7S309/NbafAlO6fEyH/VlLMHpLQDZzKEHNRm5WYANTNgbYLNE/4AHM637A"
    "epkewOaM0ABOr3IJ4UDfAU50/6qoJt0iCQ9D5AKL9zSmHTV17oH3BbwvNaPIc9K+uyBQAf"
    "XrDxCNp3/n/lap9O+3JUGPhDwbSNYUtJG3xk/I0gxsIhPra4OJrRD7acgkyFxiZG/X3njn"
    "pqPcb0l9phO/vwU3jxyufwIbDGxwc9hg9wwjQ0Xa0O38klgC4yfxfFdsH3uf9KqbQso+6l"
    "XO6eBDnAqu2U62bIpq/8PAZR8CbjjgoiCmXA/M+A4AbnBngDujBe4MYN7rRRBnYd6zEMRw"
    "ygjO0MAph4pBglMOwG+eIL/pOF0F7Kbnjo3nNj3fb5bckRv6VCIaD0Gdyzo7pIncU8OIWG"
    "Z3F23aZoGpFACsb3TMQ1FlZOL5UlPnqqyJEkiW2TXwnDXZVLaB5zwaz7mRt3txnEJ54DeB"
    "36zT8gKRwxA5XKtRDVQbUG1pyxZQbTWi2qrLxFazBzCkzyo5Ug7y1ByTBvENMFEZjcDwSz"
    "jpG2yXgRJxKlkQDckuYfETP5XLt5aIndh9qxETYaoL5R1aEvpjeIjW7liusSKmiBEpsecs"
    "hEgguJ336WzTWC8Sfd7oZosK/ebmiQu3BPqkUvrEHqmFduEh0QZuw09k2+1ikrzvns/xpp"
    "i5FRItQdH13MM0Qs/+JTePkv1yoOE6a9j3IM2p46AkLNj1VzOdlYWU7MiBimutYmevXLy6"
    "UZw8MPuxh+v39WcldQNurRS3FpC/BxzZFaeNaDqqQX4i8+EGvxDgCq6K4+XjWHslFPaEtn"
    "nFGMLYBudtLZOdnCq0+2U7OSTX7w5rAdHvG/HxLL9vgqVT/BMNo3+TR0QWjHznkflt9Kqa"
    "S861+yN1nMPYqoYWRJ+zTJ1YQ6qJXmWDn97GSpTmL7333LGPG3X+bG04g8/Yff4VxLfs0h"
    "7Re0D8V0n803XJtATGZrZ8lp50hfVD7wbjm+H4s9S7vx9+Ht8O7KqEOcAX9NBF0WsPmv16"
    "cNNF7it6rd8f3M0GN9L13yU3D2b02oM2HEt308lnurjdd5HvzYPWn9zejQYz1u3uJb3aG/"
    "cHoxG/6r580MYT6f7L5FsXOS/CMz5TPGiW+ted+PrXnUj9a2+2RsZNMikVEARWqtasFDao"
    "Enh8HdYKeRIE8qDyWqvcmZ4rMk8oMp04s/2ihR4JdWMfg0WhM0XWnydE1p9HI+sVnWzIYl"
    "EIdZEswJ4J9ph8bTP8R8yOcifQBICTVq3Br7PAguXC+Pa29+u7wKI1mow/u819sPdHk+sw"
    "46sz869Q1EFAElzSdX5+cJ9yIS0HJUHLddbynKw3jLspdGQjJAuarrOmNSIZSyqywIUrXo"
    "S6qJAmYMrs3d2Nhv3e9WiQlyIISjP72//+QXPogh1v8KD1bm44U8D+PWjfesNf2Fv7fxGz"
    "vfxyGD5dSPKaWJpo+iY5vcUd7O3uPp0ZXMjb7aTLKLJchkRhtazzaukkVXPo8MLRPGndgD"
    "dZ4KUPgrZ/dsLM/YE24rXhZjreey4kdAQhbunwlzYdsvQICklXyF6JNNL6gujDlP3YDkFd"
    "F8ccJbDcUdEGJpA5z8K2xnOtMXg7RR/yBdIJZWGJiS4xrmn2RDWCC6zwsfIANqQsgZQlrA"
    "troxTUelAStF4XrQvM+mjOCjircIAV1B8XmBHUQCghYBrFNBBQmRHUYBAmPOrhmMKxjikQ"
    "N8H4nsA2LVF5GFf/MpgBVnuCl4Dr/a6j01oQsuIaWAn3yAAGOa6SUA+aUZB2v0DafWmlai"
    "Xl3h/RnpozowNgQfr93JBB+v3j552zdy+Ck2i7bU16YVFpt5XKdhyNHfeiQKDHLZKR28lP"
    "SDUNZJ/vQSqr/MnDMNFCJ2t+y02nLz6EVkKfgqNnobNmOl5gxsM7yfbjD6X5WDd+9GyHFL"
    "0N580qPW/m6SyCbbzbJSDUQIfLWaYA97OEAPezaID7CZ7sm9wNxq18iHOZLmJ/63Tmrvzg"
    "PWezXMzrEJKFOLL6EM6C+GqftuxnOR1XL3gl2I8lVSNI6qbC+gS7K1CgAPw+NZmGUKDgaJ"
    "5z3847O64hKUAWHBXHc1S4g7EEbPu+rhqKbmjq7kGsu+TAfrRU83JYZXL35IEos6fnJBEC"
    "p8NRCU5ncAkYTm/YxVOc3vDOUkxDxyxQl9OQNh3ZZVmxpp/66PLy4hLp1goj/MdGZinPWQ"
    "1Q4qsRuuAVMbjZJKqmUWbX6Tm2gKKslKJ0/BWZ2UmnfQOJyctMxORlAjF5GSUmwZ6ORx/s"
    "abCn09cuiKMES7oGG8U2hPzVJeSvjgZ0PV1E1Zo7ARNRYPSETciE6I5wy0yxHY7O3xiB5L"
    "9d9Lokbfpn2+aJf9vUeFF4imDnQC9ip0aZIEsJ/CQqKFh257kTDYd9miyUI1pPUMcvWPeH"
    "fgT7CJJTgS6jrenezKAdz6luoq3BRKvSRKuZM7ymD5a6mw2ZvOE6ppAaxezFsCyoutaq9m"
    "bm41biFyP6jmdhhMINpGQ6mSiZTgIl0xFQMn7wdJKP/xIKNxD58mO6vPXpMVcairBcA8E+"
    "yDAP7eCywx0QayDaV1lKBFzFlwi4ipQIcDCjP18UuJaK9U6ugWAfZGiz7NRRnJOzWRfGt5"
    "6WvXAPdIhk1sacbAonRN0JVxhXPfsyvJcm/f7X6XQw7ufOhRoS76LQhQeNX+iNb6RPk9Fo"
    "8o0nRo1ee9C+fZmMBvRzpsPBfRf534UJhkwTqfTCJoyh4EhHlJsYausXqzC09jhTqsTIWr"
    "xY4LmpvuDiGQKTugDvhgBzByaDWHrcIZz0RSzSSZ0f063+1/vZ5JYVanJfPWhu6Sa3XFPv"
    "M13J/i7dDD71vo5mXRR8X2R1Kt9ccA9TKgXmiVAWJohggriLeQGQRaKAsSgMnK4yT4LVJz"
    "HzpScEKS6xfxERpLiUt8QyJZOYssD6Ss4vGhIFrFOwLpJHFBKI5kkg6voLowj/7X4yFiPs"
    "lwkPYXVuov+hlWqc4lKcAC1DI9nYDdu17SCJzzoIG7umKorRiH0Eus0hl5goR6upFkzOGh"
    "YEeAUbN8tgmXEMqTDOCT0A4LFpzSGx80HtdZnlSMlJSHlCcNI7Bx9lw1Yg0CAgCNkV6hxk"
    "wFWlS3n9JSExcJvkd5vMdayoJodQYh5sVc+9rsV1AatcjlXOHxOZc50LicJKV+eVDurOfR"
    "96hpNVrUNQ1P6otnzZSqKSgDDkgqkQ2eAZiIzABoUAVzhtWQmmTsBfLlADMoBq0h4/78Mr"
    "KgikXCxRlBfcsBhAC6evj3b6eu0d5N0T2ubl1ApjG9wbwdH2Y1Wzgdx7ecDNlnsvzugtAe"
    "OvRrPxjRr6GTC2N69ljGDfofvprtOGYh3Y8mdAebfVqm4Y12xjlhXZ8KY00xDeGQkAb+rA"
    "DRtUe6RwsYMzS0xbecc7bNC6ER6nRywCdSIDtrL8N85YS8mC443IbLlwpI0nkJoS59tSNn"
    "n2TYVVHtJZEaKNrCpoQXQkIzd8P5DOBr1l7XXyijZUwJZ7F82HU2rPwtJHgR9tryS2zK6K"
    "UXyynFBDSFRTVaIaeU0sTeR+TQrB94Qg+J7/7vjge/B9ljeKxTmyC/k+/ZKAsABhb0HOjm"
    "1ABlAF7viINTBCyQhLZDIajLJgccyAtT3tS0D5ZtdRQ/ENLJC5reyqzCCHqksxgzxCL6MZ"
    "5NGKGUojaAhrpr5ltQhYYk57+r8x0K7QJj8dx24HDBb7MwQlX8voML3eK0/AFLZ0wJ6p0p"
    "7JmzoLcmblyJmVO1kWZMnKmSVL5qliBFRg0qEDT6jCYwbuonGypwzAMi9rPQYLpyILJ4sH"
    "BsqHHdefwA+AjQlXXXQD7d1N3jh7x8gybpiRLYKYCCv+xeJWFPS4RUuW3F5+or+fbm9lDa"
    "mGYfGSX/wAjah02B49QaWweu2Ggd0/LLsfFyqTlj62oVtiqMZWm+F8cocEXWXlPswWloNt"
    "ucDYcR7S+aANCgGu6eaOg1gJ9s7Q6+nEIM5q8ARHVxafzm6ml4Bv0yN/w6tirbwN7uAWWE"
    "i+cR9vHvmmWSbTyAkzf2O4xkoXyUjR5YXZZt6AnSnzqppLeudJ3qywYbCopx9ss5z+gPWj"
    "uNByuZ2n+xjsxoJ4qlAwPZ0ApmVAOFW1BpejnRwGgSfRhJQ9oTSbnQzmwHknPtFmJ5Jh2h"
    "7VQnwzlDbYSVdY2+Bm2vs0a+XD2xZiyb/pvwdteH//dXDTRfb/8CKURRMfMyjiY6wePkJK"
    "2fSxnmWoZ08pWyQz8pFTIr8/7J6nNNIGCIUiUJ8coWBvu4rklvILQmapOusYfLjlbWoh79"
    "FhkAXv+DHif+Ecfunn8DNFH3iO632DDwKu8oYAH4ymY6nc9wPJYctGtKemogRHZI8d0uIf"
    "ZPGMrTsGU1lbaeW2TKVuJxrmJ1OxgswlxYUxq3Oy3rC1SUFOzpt23PFVdkMjPxhL8ooWWB"
    "DqUn736fEvv/lT9QA5Wyk5+0x/Vh7Gym3fQLaq/Np//q+VA+OQWAOhPs8UFHOeEBRzLogT"
    "h8Cug3KEEC/RrMS/NdvHHSCbqrtJzp1NNSQI8EKUzzGjfI6R9bNmwzcrtrmTfvpmewn4Nt"
    "ieDiMdXSZrFU8V1YTATheqK95a39jNpdCYyRJvJU4mxfNM+Qxm9CqrJv0EZBL0iN3gKUUU"
    "Y7V/h1kM8wDHHCoww4K3FDokNOc9M97bKBJ05ZcC474mxn16XNApGPqtfm/cH4xGvdlwMu"
    "4i/7sHbTyR7r9MvkmfBoMu8r0Jz6XjUAN0vrJqaMZ8iRVrldOoEgvDLlVkBDwS8kwXn0JG"
    "Vow0AJ0AtO3tysnCCKT3pmNqBnj5x+wCkLH92kLV1wUrBCb3BQE/dQ74mdPn+ZPA8k6ccZ"
    "4Q8J4pMw0Cew8d2AvlslPGbYkpXiDS97t4KISN8zyKDsvC47/OmoaKwd+HniGuu9XIrNk1"
    "mzIQOH8qyB4rHqPhAxbqMMM5j1o5WqFGaI3CBeAQTR54CxezPFKRgpo92jLDXKhGwTFCtk"
    "4U4EwRW1nOgvnPe1R6zulEgK+urh1ZqXTXkFLQwWnVzl7XzhPIEBTEPllBtkywCsNP/LUD"
    "Oy9RR7/ASsUGC+TR8CtiDjsKsKisQ2ndZki8xKCD4g5Hza4kr3MVd3DbN9ArdZDqA6qx+9"
    "rR5TrJPxUUBB9VHh8V956a0gvW85viYmFgOqIwOwjlwNYnUR3HcagcSqUzneBZ/R78MNZG"
    "KajmoCSoudZqBndbWWskkMA1KoXjPMFLrIJj28i/eDuDhmigYirCBTATI+FDOxcxIfk2cN"
    "lSjRjyC1aQI8bIBNkhFrpINQ1kqvROG23kLbFM991cpiaZIuuIFcd5op8Rk2ekxL6FVIXz"
    "m+054/5yYCuOyVaciMlRe4R9SXGxLkoC9bf7yVgM6E4gvAFV5yb6Hy/5eoKwJmDGoAjsOl"
    "2+5+1t79cwFdQfTa7D20nWwTUYe2AFgBVQLlMCdY0OgW5g25MR2YAMoAqW6/HClzwXaomx"
    "H54jt6EoByYwFI4qFdt6F44a0e823eUCaAn4g1CLdhJpEEotkI0o6LmJQd8YiI4V3URr8s"
    "LL4Bqqgrkxb49Pel8jJq8H5SQZlQ2WYDSQwoQHLEQIgwN8xoNGdPVJ1eQVYltt9JZXOUBn"
    "l+9YlSqdWE9L5GSIQXaKGEhoWovncjuBYVjoZC1t1PmztSlgnEWlwUCrtYHGFYYNqgm+RN"
    "PZWlTrok5A+bVWPr1VeKaHZUHVdVf1vrM8pgtQfK0Vr2MKqVGMag3LgqprrmrX7Cim7LA0"
    "qLvW6g66pAvxlSXEeNZNw6X7B1XRYbVYYN3mEC8bhdJNuRqFMzEQ3C9WYRj4cVahMqPAIa"
    "8Z5DU76bxmbMyJw13iwzP8MhChsUeEBrjuD/EMhHQukHfktHD124V5A06EsoAyhEdAdpdT"
    "wBayu9Qsu0twPS0B5YZHngifP7WKPhm8YP7tI0En9o12UqwJ3jXJdBRFXa8tLotkS1FNRI"
    "V1N6OFTG/IBkY6XlgGNtDXO0Zx8kMiN4PRgL58K1OE1acnrL8Tn0Ypr/sH7UH7l4F//xdS"
    "DS6/wfoP9jqPqAFtEL2L5NWKzNmARRYdgrovRwfSyesbA9Hbz21kEMSy8aoa/awHzWlAv5"
    "yqsaAk9lXorTlZr+k1orOO2HeS6Rc1rDVGGoVYR8azumEhMCy2x2mcMb8H/RGRAzO/tfgH"
    "udV9nKI/waV2Vwoompgod0TMtfr0vQTF/KXTOT//0Hl/fvXx8uLDh8uP73fbsuitpP3Z9f"
    "Az26K1/YZzeugM03Yu+B2BJm2IK1GBj51nmEUwj+ff3PYN5N6uLjKQb1cXsewbuxUEl8w5"
    "XVnEmRgSBU9irT2JdOtAdIk+mXPSUhE58HpFlygbpLxppoJSDVyuDpJsykZNJyIfYxrWrl"
    "QDsS6//J5/C5txsfCLwDpRH/664bBCgYIDA6zo6guf2LlO0QelqnfUtv5vYWlzfpjl0VJX"
    "pqoZP7LP+2ur+v3iQdy3zErNpRCnfT1UwT62MaoAT3pZ6w54zI6eCuuQZDhLnLW9lfXnlo"
    "AQ9262k0hxnTWT1m67VGb8Cyv0LtsEMrHMR/IH4l2gpWygjfVIV74lVhCW50uHYH5jIM68"
    "G+it858Oqa3Hfwv48UN9SPpRyliquCaLUh1o44OdpdxpVspNDUdEG5MvtmKGGNKNxitEx7"
    "Iy0VZbZ9qdLqW5yzcYeVRlfYilbyQmGp4R+ufg24ijLokH20TstTEYKni9ISb7yCmeEz34"
    "KIttlLhRUL3mku61T90wzOgzfKHqhsmdxKwMBEu8yB7L3IQx6MOa+5zpxWe8/Yk7k019y/"
    "5aumYw77P8RJGN7hJK7TndOU37gGyOR90fMA1EUI3nqZ3mDSSoD+IMIBsGiDDWLx7jgFAD"
    "kS7fS+wcEpaoKbPMg3RYDsDOBLYhrKQSz+t5EnAaBvKVQiQE5CsFqvboAJ8+VdvDujpftg"
    "RmmHOnnWR7yV6bNHsrHtM9yE+wZqrMTR+/B4xPTt+E7V/n8jKLVXN5GW/VsHshZyKdVDkQ"
    "dpo3EN2zTDbjWYLNeBa1Geknms6hiqwbbJ8I7LBz7rD3omz3fZj9+f+/T5bd"
)
